namespace MLNet.DeepTrainers;

/// <summary>
/// A fitted deep trainer in an ML.NET pipeline: it adds the task's columns (as ML.NET's own trainers
/// do), scores in batches on TorchSharp when transforming data and one row at a time for a
/// PredictionEngine, and saves into ML.NET's model file as ML.NET's own transformers (see the README's
/// "Saving and loading").
/// </summary>
public sealed class DeepPredictionTransformer : ISingleFeaturePredictionTransformer<DeepModel>, ICanSaveModel
{
    private readonly PredictionColumns _columns;
    private readonly Task<DeepModel> _training;

    internal DeepPredictionTransformer(Task<DeepModel> training, LearningTask task, PredictionColumns columns, FeatureColumn features, string labelColumnName)
    {
        _training = training;
        Task = task;
        _columns = columns;
        Features = features;
        LabelColumnName = labelColumnName;
    }

    /// <summary>
    /// The trained network: its layers, weights, history and summary. A small fit may still be training on
    /// a thread of its own (see the README's "Randomness, devices, threads"): this waits for it, and throws
    /// what its training threw.
    /// </summary>
    public DeepModel Model => _training.GetAwaiter().GetResult();

    /// <summary>The feature column the model reads.</summary>
    public string FeatureColumnName => Features.Name;

    /// <summary>The feature column's type at training.</summary>
    public DataViewType FeatureColumnType => Features.Type;

    /// <summary>The label column the model was trained on.</summary>
    public string LabelColumnName { get; }

    /// <summary>Always true: the model maps each row on its own.</summary>
    public bool IsRowToRowMapper => true;

    internal LearningTask Task { get; }

    internal PredictionColumns Columns => _columns;

    /// <summary>How the network reads the feature column: the same at scoring and in the saved model as at training.</summary>
    internal FeatureColumn Features { get; }

    /// <summary>The input's columns, then the task's (Score, and Probability and PredictedLabel for classification), hiding input columns of the same names.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckFeatures(inputSchema);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var column in _columns.Columns)
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        return builder.ToSchema();
    }

    /// <summary>The input with the task's columns added, scored lazily in batches as a cursor reads them.</summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(this, input, GetOutputSchema(input.Schema));
    }

    /// <summary>A mapper of one row at a time, for ML.NET's PredictionEngine.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScoringRowMapper(this, inputSchema, GetOutputSchema(inputSchema));
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => StandIn.Save(this, ctx);

    /// <summary>The feature column of <paramref name="schema"/>, checked to be what the model was trained on.</summary>
    internal DataViewSchema.Column CheckFeatures(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(FeatureColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"The data has no feature column '{FeatureColumnName}', which this {Task.Catalog} model reads. Apply the same pipeline stages before it as at training.");
        if (!column.Type.Equals(FeatureColumnType))
            throw new ArgumentOutOfRangeException(nameof(schema), $"The feature column '{FeatureColumnName}' is {column.Type}, but the model was trained on {FeatureColumnType}. Apply the same pipeline stages before it as at training.");
        return column;
    }
}
