namespace MLNet.DeepTrainers.Data;

/// <summary>An estimator with nothing to learn: fitting checks the schema and returns its transformer.</summary>
public abstract class TrivialEstimator<TTransformer> : IEstimator<TTransformer> where TTransformer : class, ITransformer
{
    private readonly TTransformer _transformer;

    private protected TrivialEstimator(TTransformer transformer) => _transformer = transformer;

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => SchemaShape.Create(_transformer.GetOutputSchema(ShapeToSchema(inputSchema)));

    // Sizes and key values do not matter to the checks of a trivial transform, only types do: stand in
    // size 1 for an unknown vector size and an empty array of the right type for unknown key values.
    internal static DataViewSchema ShapeToSchema(SchemaShape shape) => new(shape.Select(c => (c.Name,
        c.Kind == SchemaShape.Column.VectorKind.Scalar ? c.ItemType : (DataViewType)new VectorDataViewType((PrimitiveDataViewType)c.ItemType, 1),
        c.KeyValuesType is DataViewType keys ? new DataViewSchema.Annotations(Array.CreateInstance(keys.RawType, 0), null) : null)));
}
