namespace MLNet.DeepTrainers;

/// <summary>An unfitted step of a pipeline: learns from data and returns the fitted transformer.</summary>
public interface IEstimator<out TTransformer> where TTransformer : ITransformer
{
    /// <summary>Learns from <paramref name="input"/>.</summary>
    TTransformer Fit(IDataView input);

    /// <summary>The shape of the output for an input of <paramref name="inputSchema"/>; throws, naming the column, if the input does not fit.</summary>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
