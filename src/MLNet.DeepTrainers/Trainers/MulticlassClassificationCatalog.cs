using System.Collections.Immutable;

namespace MLNet.DeepTrainers;

/// <summary><c>ml.MulticlassClassification</c>: evaluation and cross-validation for key labels.</summary>
public sealed class MulticlassClassificationCatalog : TrainCatalogBase
{
    private readonly MLContext _context;

    internal MulticlassClassificationCatalog(MLContext context)
    {
        _context = context;
        Trainers = new MulticlassClassificationTrainers(context);
    }

    /// <summary>The trainers of this task.</summary>
    public MulticlassClassificationTrainers Trainers { get; }

    /// <summary>
    /// Permutation feature importance of <paramref name="predictionTransformer"/> on <paramref name="data"/>
    /// (the data as it reads it, its feature column included): per slot of the feature vector, the change
    /// of each multiclass metric when that slot is shuffled across the rows, over
    /// <paramref name="permutationCount"/> shuffles. <paramref name="useFeatureWeightFilter"/> is accepted
    /// for ML.NET's signature; it filters by linear weights, which these models do not have.
    /// </summary>
    public ImmutableArray<MulticlassClassificationMetricsStatistics> PermutationFeatureImportance<TModel>(ISingleFeaturePredictionTransformer<TModel> predictionTransformer, IDataView data,
        string labelColumnName = "Label", bool useFeatureWeightFilter = false, int? numberOfExamplesToUse = null, int permutationCount = 1) where TModel : class =>
        [.. Evaluation.PermutationFeatureImportance.Compute(predictionTransformer, data, numberOfExamplesToUse, permutationCount, _context.NextSeed(),
            d => Evaluate(d, labelColumnName), (baseline, permuted) => new MulticlassClassificationMetricsStatistics(baseline, permuted))];

    /// <summary>Permutation feature importance of a whole fitted pipeline on its raw input, keyed by the feature vector's slot names.</summary>
    public IDictionary<string, MulticlassClassificationMetricsStatistics> PermutationFeatureImportance(ITransformer model, IDataView data,
        string labelColumnName = "Label", bool useFeatureWeightFilter = false, int? numberOfExamplesToUse = null, int permutationCount = 1) =>
        Evaluation.PermutationFeatureImportance.ComputeByName(model, data, (predictor, input) =>
            PermutationFeatureImportance(predictor, input, labelColumnName, useFeatureWeightFilter, numberOfExamplesToUse, permutationCount).ToArray());

    /// <summary>
    /// Multiclass metrics. <paramref name="labelColumnName"/> and <paramref name="predictedLabelColumnName"/> are
    /// keys (use MapValueToKey on the label); <paramref name="scoreColumnName"/> is the vector of class probabilities in key order.
    /// </summary>
    public MulticlassClassificationMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        string predictedLabelColumnName = "PredictedLabel", int topKPredictionCount = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        const string User = "MulticlassClassification.Evaluate";
        ArgumentOutOfRangeException.ThrowIfNegative(topKPredictionCount);
        var columns = new ColumnValues(data, User);
        const string KeyNeeded = "a key (map the label with Conversion.MapValueToKey)";
        int label = columns.Request(labelColumnName, t => t is KeyDataViewType, KeyNeeded);
        int classes = (int)((KeyDataViewType)columns.Column(label).Type).Count;
        int score = columns.Request(scoreColumnName, t => t is VectorDataViewType v && v.ItemType.Equals(NumberDataViewType.Single) && v.Size == classes, $"a vector of {classes} Single probabilities, one per class of '{labelColumnName}'");
        int predicted = columns.Request(predictedLabelColumnName, t => t is KeyDataViewType, "a key predicted label");
        var values = columns.Read();
        var labels = ZeroBased((uint[])values[label], labelColumnName, classes, User);
        var predictions = ZeroBased((uint[])values[predicted], predictedLabelColumnName, classes, User);
        var scores = ((float[][])values[score]).SelectMany(s => s).ToArray();
        var names = columns.Column(label).Annotations.KeyValues is Array keys
            ? ValueText.Of(keys)
            : Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return MulticlassClassificationEvaluator.Compute(labels, predictions, scores, classes, topKPredictionCount, names);
    }

    /// <summary>Trains <paramref name="estimator"/> on k - 1 folds and evaluates it on the k-th, for each fold.</summary>
    public IReadOnlyList<CrossValidationResult<MulticlassClassificationMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null) =>
        CrossValidation.Run(_context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));

    /// <summary>
    /// Grid or random search: cross-validates the pipeline <paramref name="pipeline"/> builds for each candidate
    /// of <paramref name="searchSpace"/> on the same folds and ranks the candidates by the mean of
    /// <paramref name="metric"/> (a property name of MulticlassClassificationMetrics); the best is refitted on all the data.
    /// </summary>
    public SearchResult<MulticlassClassificationMetrics> SearchHyperparameters(IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline, SearchSpace searchSpace,
        string metric = nameof(MulticlassClassificationMetrics.MicroAccuracy), SearchOptions? options = null) =>
        HyperparameterSearch.Run<MulticlassClassificationMetrics>(_context, data, pipeline, searchSpace, metric, options, CrossValidate);

    private static int[] ZeroBased(uint[] keys, string column, int classes, string user) => keys.Select((k, row) => k >= 1 && k <= classes ? (int)k - 1
        : throw new InvalidOperationException($"{user}: row {row} of '{column}' is key {k}, a missing or unknown class (keys run 1 to {classes}).")).ToArray();

    /// <summary><c>ml.MulticlassClassification.Trainers</c>: networks with one output per class of a key label, softmax probabilities as Score, cross-entropy by default.</summary>
    public sealed class MulticlassClassificationTrainers : DeepTrainerCatalog<MulticlassPredictionTransformer<SequentialModel>>
    {
        internal MulticlassClassificationTrainers(MLContext context)
            : base(context, new MulticlassClassificationTask(), (model, features, label) => new MulticlassPredictionTransformer<SequentialModel>(model, features, label)) { }

        /// <summary>Gradient-boosted trees (ML.NET's FastTree defaults: 20 leaves, 100 trees, 10 examples per leaf, learning rate 0.2).</summary>
        public FastTreeMulticlassTrainer FastTree(string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
            int numberOfLeaves = 20, int numberOfTrees = 100, int minimumExampleCountPerLeaf = 10, double learningRate = 0.2) =>
            FastTree(new FastTreeMulticlassTrainer.Options { LearningRate = learningRate }.With<FastTreeMulticlassTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, numberOfLeaves, numberOfTrees, minimumExampleCountPerLeaf));

        /// <summary>Gradient-boosted trees with every option.</summary>
        public FastTreeMulticlassTrainer FastTree(FastTreeMulticlassTrainer.Options options) => new(Context, options, Task);
    }
}
