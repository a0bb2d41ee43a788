using System.Reflection;
using CxScoring.Tests.TestSupport;

namespace CxScoring.Tests.Contracts;

/// <summary>
/// The namespaces of the core form the layers drawn in docs/architecture.md: each may use only the layers below it,
/// and no two namespaces use each other, directly or through others.
/// </summary>
public sealed class NamespaceLayeringTests
{
    /// <summary>The layers, bottom first; a namespace belongs to the entry with the longest matching prefix.</summary>
    private static readonly (string Namespace, int Layer)[] Layers =
    [
        ("CxScoring.Validation", 0),
        ("CxScoring.Gaps", 0),
        ("CxScoring.Calendars", 0),
        ("CxScoring.Model", 1),
        ("CxScoring.Diagnostics", 1),
        ("CxScoring.Text", 2),
        ("CxScoring.ModelFiles", 3),
        ("CxScoring.OutcomeFiles", 3),
        ("CxScoring.Events", 3),
        ("CxScoring.Plans", 4),
        ("CxScoring.Scorecards.Accumulation", 5),
        ("CxScoring.Scorecards", 6),
        ("CxScoring.Scorecards.State", 7),
        ("CxScoring.Kernels", 7),
        ("CxScoring", 8),
        ("CxScoring.Reports", 9),
        ("CxScoring.Comparisons", 9),
        ("CxScoring.Journeys", 9),
        ("CxScoring.Surveys", 9),
    ];

    /// <summary>Namespaces whose sub-namespaces may use each other (still without a cycle).</summary>
    private static readonly string[] Features = ["CxScoring.Journeys", "CxScoring.Surveys"];

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Read(typeof(ScoringEngine).Assembly.Location, "CxScoring"));

    [Fact]
    public void Namespaces_HaveNoCycle()
    {
        var cycles = Graph.Value.Cycles();
        Assert.True(cycles.Count == 0, "Namespace cycles: " + string.Join("; ", cycles.Select(Describe)));
    }

    [Fact]
    public void EveryNamespace_UsesOnlyLowerLayers()
    {
        var graph = Graph.Value;
        var violations = new List<string>();
        foreach (var from in graph.Namespaces)
        {
            foreach (var (to, why) in graph.DependenciesOf(from))
            {
                if (LayerOf(to) >= LayerOf(from) && !SameFeature(from, to))
                {
                    violations.Add($"{from} (layer {LayerOf(from)}) uses {to} (layer {LayerOf(to)}): {why}");
                }
            }
        }

        Assert.True(violations.Count == 0, "Layering violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void EveryNamespace_HasALayer()
    {
        var unknown = Graph.Value.Namespaces.Where(ns => Layers.All(l => !Matches(ns, l.Namespace))).ToList();
        Assert.True(unknown.Count == 0, "Namespaces missing from the layer table (and from docs/architecture.md): " + string.Join(", ", unknown));
    }

    [Fact]
    public void Graph_SeesKnownDependencies()
    {
        // Guards the reader itself: a graph that found nothing would pass every test above.
        var graph = Graph.Value;
        Assert.Contains("CxScoring.Plans", graph.DependenciesOf("CxScoring").Keys);
        Assert.Contains("CxScoring.Scorecards.Accumulation", graph.DependenciesOf("CxScoring.Kernels").Keys);
        Assert.Contains("CxScoring.Gaps", graph.DependenciesOf("CxScoring.Model").Keys);
    }

    [Fact]
    public void Intrinsics_OnlyInKernelsAndAccumulation()
    {
        var users = typeof(ScoringEngine).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && ns != "CxScoring.Kernels" && ns != "CxScoring.Scorecards.Accumulation")
            .Where(UsesIntrinsics)
            .Select(t => t.FullName)
            .ToList();
        Assert.True(users.Count == 0, "Hardware intrinsics used outside CxScoring.Kernels and CxScoring.Scorecards.Accumulation: " + string.Join(", ", users));
    }

    private static bool UsesIntrinsics(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            if (body.LocalVariables.Any(v => IsIntrinsic(v.LocalType)) || method.GetParameters().Any(p => IsIntrinsic(p.ParameterType)))
            {
                return true;
            }
        }

        return type.GetFields(all).Any(f => IsIntrinsic(f.FieldType));
    }

    private static bool IsIntrinsic(Type type)
        => (type.Namespace?.StartsWith("System.Runtime.Intrinsics", StringComparison.Ordinal) ?? false)
           || (type.IsGenericType && type.GetGenericArguments().Any(IsIntrinsic));

    private static int LayerOf(string ns) => Layers.Where(l => Matches(ns, l.Namespace)).MaxBy(l => l.Namespace.Length).Layer;

    private static bool Matches(string ns, string prefix) => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal) && prefix != "CxScoring";

    private static bool SameFeature(string a, string b) => Features.Any(f => Matches(a, f) && Matches(b, f));

    private static string Describe(IReadOnlyList<string> cycle)
    {
        var graph = Graph.Value;
        var edges = from a in cycle
                    from b in cycle
                    where graph.DependenciesOf(a).ContainsKey(b)
                    select $"{a} -> {b} ({graph.DependenciesOf(a)[b]})";
        return string.Join(", ", edges);
    }
}
