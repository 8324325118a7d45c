namespace MLNet.DeepTrainers;

/// <summary>A fitted step of a pipeline: turns a data view into another, lazily.</summary>
public interface ITransformer
{
    /// <summary>The schema <see cref="Transform"/> would produce from <paramref name="inputSchema"/>; throws if the input does not fit.</summary>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>A lazy view of <paramref name="input"/> transformed.</summary>
    IDataView Transform(IDataView input);
}
