using System.Reflection;
using System.Runtime.CompilerServices;
using CxScoring.Model;

namespace CxScoring.Tests.Contracts;

/// <summary>Reflection checks of the public surface (after NodaTime's MutabilityTest).</summary>
public class PublicTypeContractTests
{
    // Documented extension points: the only public classes that may be inherited from.
    private static readonly Type[] ExtensionPoints = [typeof(CxScoringException)];

    private static IEnumerable<Type> PublicTypes => typeof(CxScoringException).Assembly.GetExportedTypes();

    [Fact]
    public void PublicClasses_AreSealedStaticOrDocumentedExtensionPoints()
    {
        var open = PublicTypes
            .Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed) && !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => !ExtensionPoints.Contains(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(open);
    }

    [Fact]
    public void PublicStructs_AreReadOnly()
    {
        var mutable = PublicTypes
            .Where(t => t.IsValueType && !t.IsEnum && t.GetCustomAttribute<IsReadOnlyAttribute>() is null)
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(mutable);
    }

    [Fact]
    public void PublicStructs_ImplementEquatable()
    {
        var missing = PublicTypes
            .Where(t => t.IsValueType && !t.IsEnum && !t.IsByRefLike)
            .Where(t => !typeof(IEquatable<>).MakeGenericType(t).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(missing);
    }
}
