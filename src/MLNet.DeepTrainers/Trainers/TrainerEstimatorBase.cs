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

    /// <summary>Whether the trainer reads a vector of keys as features (a network's Embedding does; trees do not).</summary>
    private protected virtual bool ReadsKeys => false;

    /// <summary>Whether the trainer learns a vector label (several outputs per row: a network does; a tree ensemble learns one value).</summary>
    private protected virtual bool LearnsVectorLabels => false;

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        if (ReadsKeys)
            inputSchema.Require(FeatureColumn, User, c => c.IsSingleOfKnownSize || (c.IsKey && c.Kind == SchemaShape.Column.VectorKind.Vector),
                "Single values, a Single vector of known size, or a vector of keys of known size for an Embedding (PadSequences gives token keys a length)");
        else
            inputSchema.Require(FeatureColumn, User, c => c.IsSingleOfKnownSize, "Single values or a Single vector of known size (Concatenate the feature columns first; give a float[] member its size with [VectorType(n)])");
        if (WeightColumn is string weights)
            inputSchema.Require(weights, User, c => c.IsSingle && c.Kind == SchemaShape.Column.VectorKind.Scalar, "Single weights");
        var outputs = Task.Outputs(inputSchema, LabelColumn, User);
        if (!LearnsVectorLabels && inputSchema.TryFindColumn(LabelColumn, out var label) && label.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"{User}: the label column '{LabelColumn}' is a vector ({label}), but this trainer learns one value per row. " +
                "Train a network (Dense, Mlp, Sequential) for a vector label, or one model per slot.");
        return inputSchema.With(outputs);
    }

    /// <inheritdoc />
    public TTransformer Fit(IDataView input) => Fit(input, null, nameof(input));

    /// <summary>
    /// Trains on <paramref name="trainData"/> while watching <paramref name="validationData"/> (same
    /// columns, already transformed by the pipeline's earlier stages): FastTree's early-stopping rule
    /// and a network's validation metrics and early stopping read it. A forest takes it and ignores
    /// it, as ML.NET's FastForest does.
    /// </summary>
    public TTransformer Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return Fit(trainData, validationData, nameof(trainData));
    }

    private TTransformer Fit(IDataView trainData, IDataView? validationData, string parameter) => Fit(trainData, validationData, parameter, Train);

    /// <summary>Checks the schema, then trains with <paramref name="train"/> and wraps its model in the transformer.</summary>
    private protected TTransformer Fit(IDataView trainData, IDataView? validationData, string parameter, Func<IDataView, IDataView?, DataViewSchema.Column, TModel> train)
    {
        ArgumentNullException.ThrowIfNull(trainData, parameter);
        GetOutputSchema(SchemaShape.Create(trainData.Schema));
        var label = trainData.Schema[LabelColumn];
        return _makeTransformer(train(trainData, validationData, label), FeatureColumn, label);
    }

    /// <summary>Trains the model on <paramref name="input"/>, whose schema has been checked, watching <paramref name="validation"/> if given.</summary>
    private protected abstract TModel Train(IDataView input, IDataView? validation, DataViewSchema.Column label);

    /// <summary>Reads the trainer's columns into memory, labels as the task wants them.</summary>
    private protected TrainingData Read(IDataView data, bool allowMissingFeatures) =>
        TrainingData.Read(data, FeatureColumn, Task.Labels(data.Schema[LabelColumn], User), WeightColumn, User, allowMissingFeatures);

    /// <summary>A digest of the trainer's columns of <paramref name="input"/> (types, slot names, classes): every rank of a distributed run must have the same.</summary>
    private protected long ColumnsDigest(IDataView input) =>
        DataParallel.Digest(input.Schema[FeatureColumn], input.Schema[LabelColumn], WeightColumn is null ? null : input.Schema[WeightColumn]);

    /// <summary>Reads validation rows after checking them with <see cref="CheckValidation"/>.</summary>
    private protected TrainingData ReadValidation(IDataView validation, IDataView train, bool allowMissingFeatures)
    {
        var validationLabel = CheckValidation(validation, train);
        string user = $"{User} (validation data)";
        // No CheckTargets: a small validation set may well hold one class only.
        return TrainingData.Read(validation, FeatureColumn, Task.Labels(validationLabel, user), WeightColumn, user, allowMissingFeatures, "validation data");
    }

    /// <summary>
    /// Checks that validation data matches the training data: the same columns, the same feature
    /// type and, for classification, the same classes. Returns its label column.
    /// </summary>
    private protected DataViewSchema.Column CheckValidation(IDataView validation, IDataView train)
    {
        string user = $"{User} (validation data)";
        GetOutputSchema(SchemaShape.Create(validation.Schema));
        var trainFeatures = train.Schema[FeatureColumn].Type;
        var validationFeatures = validation.Schema[FeatureColumn].Type;
        if (!trainFeatures.Equals(validationFeatures))
            throw new ArgumentException($"{user}: the feature column '{FeatureColumn}' is {validationFeatures} but {trainFeatures} in the training data. Transform both with the same fitted pipeline.");
        var trainLabel = train.Schema[LabelColumn];
        var validationLabel = validation.Schema[LabelColumn];
        if (Task.OutputWidth(trainLabel) != Task.OutputWidth(validationLabel))
            throw new ArgumentException($"{user}: the label column '{LabelColumn}' gives {Task.OutputWidth(validationLabel)} outputs (classes, or slots of a vector label) but {Task.OutputWidth(trainLabel)} in the training data. Transform both with the same fitted pipeline (MapValueToKey for classes).");
        return validationLabel;
    }
}
