namespace MLNet.DeepTrainers.Transforms;

/// <summary>Names the contract a <see cref="CustomMappingFactory{TSrc, TDst}"/> provides (ML.NET's name for it, with its doubled suffix).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CustomMappingFactoryAttributeAttribute : Attribute
{
    /// <summary>Marks a factory for <paramref name="contractName"/>.</summary>
    public CustomMappingFactoryAttributeAttribute(string contractName) => ContractName = contractName;

    /// <summary>The contract name a saved mapping refers to.</summary>
    public string ContractName { get; }
}
