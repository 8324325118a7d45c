using System.Reflection;

namespace MLNet.DeepTrainers.Runtime;

/// <summary>
/// The assemblies a model file may take user code from, as ML.NET's: a saved <c>CustomMapping</c> names
/// only its contract, and loading finds the <see cref="Transforms.CustomMappingFactory{TSrc, TDst}"/>
/// marked with that contract in an assembly registered here. Nothing else in a model file can name code.
/// </summary>
public sealed class ComponentCatalog
{
    private readonly List<Assembly> _assemblies = [];
    private readonly object _gate = new();

    internal ComponentCatalog() { }

    /// <summary>Lets model files loaded through this context use the custom-mapping factories of <paramref name="assembly"/>.</summary>
    public void RegisterAssembly(Assembly assembly, bool throwOnError = true)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (_gate)
        {
            if (!_assemblies.Contains(assembly))
                _assemblies.Add(assembly);
        }
    }

    /// <summary>The factory type registered for <paramref name="contractName"/>, or null.</summary>
    internal Type? FindCustomMappingFactory(string contractName)
    {
        lock (_gate)
        {
            return _assemblies.SelectMany(a => a.GetTypes())
                .FirstOrDefault(t => t.GetCustomAttribute<Transforms.CustomMappingFactoryAttributeAttribute>()?.ContractName == contractName);
        }
    }
}
