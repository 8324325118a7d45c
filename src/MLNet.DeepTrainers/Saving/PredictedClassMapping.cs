using Microsoft.ML.Transforms;

namespace MLNet.DeepTrainers;

/// <summary>
/// The stand-in's multiclass step: the predicted class's name, which OnnxTransformer gives as a vector
/// of one, as a scalar that MapValueToKey then maps to the label's key. ML.NET finds it again on load by
/// its contract name, which saved models hold: never change it.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class PredictedClassMapping : CustomMappingFactory<PredictedClassMapping.Predicted, PredictedClassMapping.Named>
{
    public const string ContractName = "MLNet.DeepTrainers.PredictedClass";

    public override Action<Predicted, Named> GetMapping() => (predicted, named) => named.Name = predicted.Names[0];

    /// <summary>The column it reads: the network's predicted class, as text.</summary>
    internal sealed class Predicted
    {
        [ColumnName(StandIn.PredictedClassColumn)]
        public string[] Names = [];
    }

    /// <summary>The column it adds.</summary>
    internal sealed class Named
    {
        [ColumnName(StandIn.PredictedClassNameColumn)]
        public string Name = "";
    }
}
