namespace MLNet.DeepTrainers;

/// <summary>What the stand-in's score mappings read: the network's raw outputs of a row, as OnnxTransformer gives them (a vector, even of one value).</summary>
internal sealed class NetworkOutputsRow
{
    [ColumnName(StandIn.OutputsColumn)]
    public float[] Outputs = [];
}
