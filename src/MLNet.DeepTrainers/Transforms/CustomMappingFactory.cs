namespace MLNet.DeepTrainers.Transforms;

/// <summary>
/// How a saved <c>CustomMapping</c> gets its code back, as in ML.NET: subclass this with a public
/// parameterless constructor, mark it <c>[CustomMappingFactoryAttribute("contract")]</c>, pass the same
/// contract name to <c>CustomMapping</c>, and register the assembly with
/// <c>ml.ComponentCatalog.RegisterAssembly</c> before loading.
/// </summary>
public abstract class CustomMappingFactory<TSrc, TDst> : ICustomMappingFactory
    where TSrc : class, new()
    where TDst : class, new()
{
    /// <summary>The mapping the transform applies to each row.</summary>
    public abstract Action<TSrc, TDst> GetMapping();

    ITransformer ICustomMappingFactory.CreateTransformer(string contractName) => new CustomMappingTransformer<TSrc, TDst>(GetMapping(), contractName);
}

/// <summary>What loading needs of a factory whatever its row types.</summary>
internal interface ICustomMappingFactory
{
    ITransformer CreateTransformer(string contractName);
}
