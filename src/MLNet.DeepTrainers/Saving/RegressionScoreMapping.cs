using Microsoft.ML.Transforms;

namespace MLNet.DeepTrainers;

/// <summary>
/// The stand-in's regression step: the network's one output as a Single <c>Score</c>, as
/// <see cref="RegressionColumns"/> gives it. ML.NET finds it again on load by its contract name, which
/// saved models hold: never change it.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class RegressionScoreMapping : CustomMappingFactory<NetworkOutputsRow, RegressionScoreMapping.Scores>
{
    public const string ContractName = "MLNet.DeepTrainers.RegressionScore";

    public override Action<NetworkOutputsRow, Scores> GetMapping() => (row, scores) => scores.Score = row.Outputs[0];

    /// <summary>The column it adds.</summary>
    internal sealed class Scores
    {
        public float Score;
    }
}
