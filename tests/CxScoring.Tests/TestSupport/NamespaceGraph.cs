using Mono.Cecil;

namespace CxScoring.Tests.TestSupport;

/// <summary>
/// The namespace dependency graph of a compiled assembly: namespace A depends on namespace B when a type of A
/// (including its nested and compiler-generated types) names a type of B in a signature, a base type, an
/// attribute, a local, or an instruction of a method body. Only namespaces of the assembly itself are nodes.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(string rootNamespace) => RootNamespace = rootNamespace;

    /// <summary>Gets the namespace whose sub-namespaces are the graph's nodes.</summary>
    public string RootNamespace { get; }

    /// <summary>Gets every namespace that declares a type.</summary>
    public IReadOnlyCollection<string> Namespaces => _edges.Keys;

    /// <summary>Reads the graph of the assembly at <paramref name="path"/>.</summary>
    public static NamespaceGraph Read(string path, string rootNamespace)
    {
        var graph = new NamespaceGraph(rootNamespace);
        using var module = ModuleDefinition.ReadModule(path);
        foreach (var type in module.Types)
        {
            if (type.Name == "<Module>" || !graph.IsOwn(type.Namespace))
            {
                continue;
            }

            graph.Node(type.Namespace);
            graph.Visit(type, type.Namespace, type.FullName);
        }

        return graph;
    }

    /// <summary>Gets the namespaces <paramref name="from"/> depends on, each with one type that shows why.</summary>
    public IReadOnlyDictionary<string, string> DependenciesOf(string from) => _edges[from];

    /// <summary>Finds the strongly connected components with more than one namespace (the cycles), by Tarjan's algorithm.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Connect(node);
            }
        }

        return cycles;

        void Connect(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in _edges[node].Keys)
            {
                if (!index.ContainsKey(target))
                {
                    Connect(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], index[target]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    cycles.Add(component);
                }
            }
        }
    }

    private bool IsOwn(string ns) => ns == RootNamespace || ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal);

    private Dictionary<string, string> Node(string ns)
    {
        if (!_edges.TryGetValue(ns, out var targets))
        {
            targets = new Dictionary<string, string>(StringComparer.Ordinal);
            _edges[ns] = targets;
        }

        return targets;
    }

    private void Visit(TypeDefinition type, string ns, string owner)
    {
        Attributes(type, ns, owner);
        Use(type.BaseType, ns, owner);
        foreach (var implemented in type.Interfaces)
        {
            Use(implemented.InterfaceType, ns, owner);
        }

        foreach (var parameter in type.GenericParameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                Use(constraint.ConstraintType, ns, owner);
            }
        }

        foreach (var field in type.Fields)
        {
            Attributes(field, ns, owner);
            Use(field.FieldType, ns, owner);
        }

        foreach (var property in type.Properties)
        {
            Attributes(property, ns, owner);
            Use(property.PropertyType, ns, owner);
        }

        foreach (var method in type.Methods)
        {
            Method(method, ns, owner);
        }

        foreach (var nested in type.NestedTypes)
        {
            Visit(nested, ns, owner);
        }
    }

    private void Method(MethodDefinition method, string ns, string owner)
    {
        Attributes(method, ns, owner);
        Use(method.ReturnType, ns, owner);
        foreach (var parameter in method.Parameters)
        {
            Attributes(parameter, ns, owner);
            Use(parameter.ParameterType, ns, owner);
        }

        if (!method.HasBody)
        {
            return;
        }

        foreach (var variable in method.Body.Variables)
        {
            Use(variable.VariableType, ns, owner);
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference typeReference:
                    Use(typeReference, ns, owner);
                    break;
                case MethodReference methodReference:
                    Use(methodReference.DeclaringType, ns, owner);
                    Use(methodReference.ReturnType, ns, owner);
                    foreach (var parameter in methodReference.Parameters)
                    {
                        Use(parameter.ParameterType, ns, owner);
                    }

                    if (methodReference is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            Use(argument, ns, owner);
                        }
                    }

                    break;
                case FieldReference fieldReference:
                    Use(fieldReference.DeclaringType, ns, owner);
                    Use(fieldReference.FieldType, ns, owner);
                    break;
                default:
                    break;
            }
        }
    }

    private void Attributes(ICustomAttributeProvider provider, string ns, string owner)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Use(attribute.AttributeType, ns, owner);
            foreach (var argument in attribute.ConstructorArguments)
            {
                Use(argument.Type, ns, owner);
                if (argument.Value is TypeReference named)
                {
                    Use(named, ns, owner);
                }
            }
        }
    }

    private void Use(TypeReference? reference, string ns, string owner)
    {
        switch (reference)
        {
            case null:
            case GenericParameter:
                return;
            case GenericInstanceType generic:
                Use(generic.ElementType, ns, owner);
                foreach (var argument in generic.GenericArguments)
                {
                    Use(argument, ns, owner);
                }

                return;
            case TypeSpecification specification:
                Use(specification.ElementType, ns, owner);
                return;
            default:
                break;
        }

        var outer = reference;
        while (outer.DeclaringType is { } declaring)
        {
            outer = declaring;
        }

        var target = outer.Namespace;
        if (target != ns && IsOwn(target) && outer.Scope is ModuleDefinition)
        {
            Node(ns).TryAdd(target, $"{owner} uses {reference.FullName}");
        }
    }
}
