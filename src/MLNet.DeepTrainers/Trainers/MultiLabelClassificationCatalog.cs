namespace MLNet.DeepTrainers;

/// <summary>
/// <c>ml.MultiLabelClassification</c>, beyond ML.NET: networks for labels that are vectors of
/// Booleans, any number true per row (Keras's sigmoid outputs with binary cross-entropy), their
/// metrics and cross-validation.
/// </summary>
public sealed class MultiLabelClassificationCatalog : TrainCatalogBase
{
    private readonly MLContext _context;

    internal MultiLabelClassificationCatalog(MLContext context)
    {
        _context = context;
        Trainers = new MultiLabelClassificationTrainers(context);
    }

    /// <summary>The trainers of this task.</summary>
    public MultiLabelClassificationTrainers Trainers { get; }

    /// <summary>
    /// Per-label and averaged precision, recall and F1, Hamming loss, subset accuracy and log-loss.
    /// <paramref name="labelColumnName"/> and <paramref name="predictedLabelColumnName"/> are vectors of
    /// Booleans, <paramref name="probabilityColumnName"/> a Single vector of the same size.
    /// </summary>
    public MultiLabelClassificationMetrics Evaluate(IDataView data, string labelColumnName = "Label", string probabilityColumnName = "Probability",
        string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(data);
        const string User = "MultiLabelClassification.Evaluate";
        var columns = new ColumnValues(data, User);
        int label = columns.Request(labelColumnName, t => t is VectorDataViewType { ItemType: BooleanDataViewType, Size: > 0 }, "a vector of Booleans of known size, one per label");
        int labels = ((VectorDataViewType)columns.Column(label).Type).Size;
        int probability = columns.Request(probabilityColumnName, t => t is VectorDataViewType v && v.ItemType.Equals(NumberDataViewType.Single) && v.Size == labels,
            $"a vector of {labels} Single probabilities, one per label of '{labelColumnName}'");
        int predicted = columns.Request(predictedLabelColumnName, t => t is VectorDataViewType { ItemType: BooleanDataViewType } v && v.Size == labels,
            $"a vector of {labels} Booleans, one per label of '{labelColumnName}'");
        var values = columns.Read();
        var probabilities = ((float[][])values[probability]).SelectMany(p => p).ToArray();
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
                throw new InvalidOperationException($"{User}: row {i / labels}, slot {i % labels} of '{probabilityColumnName}' is {probabilities[i]}, not a probability in [0, 1].");
        }
        var names = columns.Column(label).Annotations.SlotNames?.ToArray()
            ?? Enumerable.Range(0, labels).Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return MultiLabelClassificationEvaluator.Compute(((bool[][])values[label]).SelectMany(l => l).ToArray(),
            ((bool[][])values[predicted]).SelectMany(p => p).ToArray(), probabilities, names);
    }

    /// <summary>Trains <paramref name="estimator"/> on k - 1 folds and evaluates it on the k-th, for each fold.</summary>
    public IReadOnlyList<CrossValidationResult<MultiLabelClassificationMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null) =>
        CrossValidation.Run(_context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));

    /// <summary>
    /// Grid or random search: cross-validates the pipeline <paramref name="pipeline"/> builds for each candidate
    /// of <paramref name="searchSpace"/> on the same folds and ranks the candidates by the mean of
    /// <paramref name="metric"/> (a property name of MultiLabelClassificationMetrics); the best is refitted on all the data.
    /// </summary>
    public SearchResult<MultiLabelClassificationMetrics> SearchHyperparameters(IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline, SearchSpace searchSpace,
        string metric = nameof(MultiLabelClassificationMetrics.MicroF1Score), SearchOptions? options = null) =>
        HyperparameterSearch.Run<MultiLabelClassificationMetrics>(_context, data, pipeline, searchSpace, metric, options, CrossValidate);

    /// <summary>
    /// <c>ml.MultiLabelClassification.Trainers</c>: networks with one logit output per label (Score), their
    /// sigmoids (Probability) and PredictedLabel; binary cross-entropy per label by default.
    /// </summary>
    public sealed class MultiLabelClassificationTrainers : DeepTrainerCatalog<MultiLabelPredictionTransformer<SequentialModel>>
    {
        internal MultiLabelClassificationTrainers(MLContext context)
            : base(context, new MultiLabelClassificationTask(), (model, features, label) => new MultiLabelPredictionTransformer<SequentialModel>(model, features, label)) { }
    }
}
