namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// What every trainer shares: its task (which decides the label and output columns), the columns it
/// reads, a name for its messages, and the schema check that runs before any training.
/// </summary>
public abstract class TrainerEstimatorBase<TTransformer, TModel> : IEstimator<TTransformer>
    where TTransformer : class, ITransformer
    where TModel : class
{
    private readonly Func<TModel, string, DataViewSchema.Column, TTransformer> _makeTransformer;

    private protected TrainerEstimatorBase(MLContext context, LearningTask task, string name, string labelColumn, string featureColumn, string? weightColumn,
        Func<TModel, string, DataViewSchema.Column, TTransformer> makeTransformer)
    {
        Context = context;
        Task = task;
        User = $"{task.Catalog}.Trainers.{name}";
        LabelColumn = labelColumn;
        FeatureColumn = featureColumn;
        WeightColumn = weightColumn;
        _makeTransformer = makeTransformer;
    }

    private protected MLContext Context { get; }
    private protected LearningTask Task { get; }
    private protected string User { get; }
    private protected string LabelColumn { get; }
    private protected string FeatureColumn { get; }
    private protected string? WeightColumn { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        inputSchema.Require(FeatureColumn, User, c => c.IsSingleOfKnownSize, "Single values or a Single vector of known size (Concatenate the feature columns first; give a float[] member its size with [VectorType(n)])");
        if (WeightColumn is string weights)
            inputSchema.Require(weights, User, c => c.IsSingle && c.Kind == SchemaShape.Column.VectorKind.Scalar, "Single weights");
        return inputSchema.With(Task.Outputs(inputSchema, LabelColumn, User));
    }

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var label = input.Schema[LabelColumn];
        return _makeTransformer(Train(input, label), FeatureColumn, label);
    }

    /// <summary>Trains the model on <paramref name="input"/>, whose schema has been checked.</summary>
    private protected abstract TModel Train(IDataView input, DataViewSchema.Column label);

    /// <summary>Reads the trainer's columns into memory, labels as the task wants them.</summary>
    private protected TrainingData Read(IDataView data, bool allowMissingFeatures) =>
        TrainingData.Read(data, FeatureColumn, Task.Labels(data.Schema[LabelColumn], User), WeightColumn, User, allowMissingFeatures);
}
