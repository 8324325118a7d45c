using Microsoft.ML.Transforms;

namespace MLNet.DeepTrainers;

/// <summary>
/// The stand-in's binary classification step: the network's logit as <c>Score</c>, its sigmoid as
/// <c>Probability</c> and <c>PredictedLabel</c> true above zero, computed as <see cref="BinaryColumns"/>
/// computes them. ML.NET finds it again on load by its contract name, which saved models hold: never change it.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class BinaryScoreMapping : CustomMappingFactory<NetworkOutputsRow, BinaryScoreMapping.Scores>
{
    public const string ContractName = "MLNet.DeepTrainers.BinaryScore";

    public override Action<NetworkOutputsRow, Scores> GetMapping() => (row, scores) =>
    {
        float logit = row.Outputs[0];
        scores.Score = logit;
        scores.Probability = 1 / (1 + MathF.Exp(-logit));
        scores.PredictedLabel = logit > 0;
    };

    /// <summary>The columns it adds, in ML.NET's binary trainers' order.</summary>
    internal sealed class Scores
    {
        public float Score;
        public float Probability;
        public bool PredictedLabel;
    }
}
