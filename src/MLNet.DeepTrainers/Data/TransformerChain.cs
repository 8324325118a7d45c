using System.Collections;

namespace MLNet.DeepTrainers.Data;

/// <summary>Fitted transformers applied one after another. <see cref="LastTransformer"/> is usually the trained model.</summary>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>
    where TLastTransformer : class, ITransformer
{
    private readonly IReadOnlyList<ITransformer> _transformers;

    internal TransformerChain(IReadOnlyList<ITransformer> transformers)
    {
        _transformers = transformers;
        LastTransformer = transformers.Count == 0 ? null! : transformers[^1] as TLastTransformer
            ?? throw new InvalidOperationException($"The last step is {transformers[^1].GetType().Name}, not {typeof(TLastTransformer).Name}.");
    }

    /// <summary>The last step.</summary>
    public TLastTransformer LastTransformer { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) =>
        _transformers.Aggregate(inputSchema, (schema, t) => t.GetOutputSchema(schema));

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => _transformers.Aggregate(input, (data, t) => t.Transform(data));

    /// <inheritdoc />
    public IEnumerator<ITransformer> GetEnumerator() => _transformers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
