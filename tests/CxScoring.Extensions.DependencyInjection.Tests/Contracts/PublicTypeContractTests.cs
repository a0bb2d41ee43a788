using System.Reflection;
using CxScoring.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CxScoring.Extensions.DependencyInjection.Tests.Contracts;

/// <summary>Reflection checks of the package's public surface.</summary>
public class PublicTypeContractTests
{
    private static Type[] PublicTypes => typeof(ScoringModelHandle).Assembly.GetExportedTypes();

    [Fact]
    public void PublicClasses_AreSealedOrStatic()
    {
        Assert.Empty(PublicTypes.Where(t => t.IsClass && !t.IsSealed).Select(t => t.FullName));
    }

    [Fact]
    public void PublicTypes_LiveInTheHostingNamespaceOrTheExtensionsOne()
    {
        Assert.All(PublicTypes, t => Assert.True(
            t.Namespace == "CxScoring.Hosting" || t == typeof(CxScoringServiceCollectionExtensions),
            $"{t.FullName} is outside CxScoring.Hosting."));
    }

    [Fact]
    public void PublicConstructors_AreInternalSoInstancesComeFromTheContainer()
    {
        var exposed = PublicTypes
            .Where(t => t != typeof(CxScoringOptions))
            .SelectMany(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
            .Select(c => c.DeclaringType!.FullName);
        Assert.Empty(exposed);
    }
}
