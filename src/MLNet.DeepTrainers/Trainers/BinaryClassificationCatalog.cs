using System.Collections.Immutable;

namespace MLNet.DeepTrainers;

/// <summary><c>ml.BinaryClassification</c>: evaluation and cross-validation for Boolean labels.</summary>
public sealed class BinaryClassificationCatalog : TrainCatalogBase
{
    private readonly MLContext _context;

    internal BinaryClassificationCatalog(MLContext context)
    {
        _context = context;
        Trainers = new BinaryClassificationTrainers(context);
    }

    /// <summary>The trainers of this task.</summary>
    public BinaryClassificationTrainers Trainers { get; }

    /// <summary>
    /// Permutation feature importance of <paramref name="predictionTransformer"/> on <paramref name="data"/>
    /// (the data as it reads it, its feature column included): per slot of the feature vector, the change
    /// of each binary metric when that slot is shuffled across the rows, over
    /// <paramref name="permutationCount"/> shuffles. <paramref name="useFeatureWeightFilter"/> is accepted
    /// for ML.NET's signature; it filters by linear weights, which these models do not have.
    /// </summary>
    public ImmutableArray<BinaryClassificationMetricsStatistics> PermutationFeatureImportance<TModel>(ISingleFeaturePredictionTransformer<TModel> predictionTransformer, IDataView data,
        string labelColumnName = "Label", bool useFeatureWeightFilter = false, int? numberOfExamplesToUse = null, int permutationCount = 1) where TModel : class =>
        [.. Evaluation.PermutationFeatureImportance.Compute(predictionTransformer, data, numberOfExamplesToUse, permutationCount, _context.NextSeed(),
            d => EvaluateNonCalibrated(d, labelColumnName), (baseline, permuted) => new BinaryClassificationMetricsStatistics(baseline, permuted))];

    /// <summary>Permutation feature importance of a whole fitted pipeline on its raw input, keyed by the feature vector's slot names.</summary>
    public IDictionary<string, BinaryClassificationMetricsStatistics> PermutationFeatureImportance(ITransformer model, IDataView data,
        string labelColumnName = "Label", bool useFeatureWeightFilter = false, int? numberOfExamplesToUse = null, int permutationCount = 1) =>
        Evaluation.PermutationFeatureImportance.ComputeByName(model, data, (predictor, input) =>
            PermutationFeatureImportance(predictor, input, labelColumnName, useFeatureWeightFilter, numberOfExamplesToUse, permutationCount).ToArray());

    /// <summary>Every binary metric, the probability-based ones included (log-loss in bits, as ML.NET).</summary>
    public CalibratedBinaryClassificationMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        string probabilityColumnName = "Probability", string predictedLabelColumnName = "PredictedLabel")
    {
        var (columns, label, score, predicted) = Request(data, "BinaryClassification.Evaluate", labelColumnName, scoreColumnName, predictedLabelColumnName);
        int probability = columns.Request(probabilityColumnName, t => t.Equals(NumberDataViewType.Single), "a Single probability (a calibrated classifier's output)");
        var values = columns.Read();
        var probabilities = (float[])values[probability];
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
                throw new InvalidOperationException($"BinaryClassification.Evaluate: row {i} of '{probabilityColumnName}' is {probabilities[i]}, not a probability in [0, 1].");
        }
        return BinaryClassificationEvaluator.ComputeCalibrated((bool[])values[label], (float[])values[score], (bool[])values[predicted], probabilities);
    }

    /// <summary>The metrics that need no probability: AUC, accuracy, precision, recall, F1, AUPRC, confusion matrix.</summary>
    public BinaryClassificationMetrics EvaluateNonCalibrated(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        string predictedLabelColumnName = "PredictedLabel")
    {
        var (columns, label, score, predicted) = Request(data, "BinaryClassification.EvaluateNonCalibrated", labelColumnName, scoreColumnName, predictedLabelColumnName);
        var values = columns.Read();
        return BinaryClassificationEvaluator.Compute((bool[])values[label], (float[])values[score], (bool[])values[predicted]);
    }

    /// <summary>Trains <paramref name="estimator"/> on k - 1 folds and evaluates it on the k-th, for each fold.</summary>
    public IReadOnlyList<CrossValidationResult<CalibratedBinaryClassificationMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null) =>
        CrossValidation.Run(_context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));

    /// <summary>
    /// Grid or random search: cross-validates the pipeline <paramref name="pipeline"/> builds for each candidate
    /// of <paramref name="searchSpace"/> on the same folds and ranks the candidates by the mean of
    /// <paramref name="metric"/> (a property name of CalibratedBinaryClassificationMetrics); the best is refitted on all the data.
    /// </summary>
    public SearchResult<CalibratedBinaryClassificationMetrics> SearchHyperparameters(IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline, SearchSpace searchSpace,
        string metric = nameof(CalibratedBinaryClassificationMetrics.AreaUnderRocCurve), SearchOptions? options = null) =>
        HyperparameterSearch.Run<CalibratedBinaryClassificationMetrics>(_context, data, pipeline, searchSpace, metric, options, CrossValidate);

    private static (ColumnValues Columns, int Label, int Score, int Predicted) Request(IDataView data, string user, string label, string score, string predicted)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = new ColumnValues(data, user);
        return (columns,
            columns.Request(label, t => t is BooleanDataViewType, "a Boolean label (convert text labels with an expression or ConvertType to Boolean)"),
            columns.Request(score, t => t.Equals(NumberDataViewType.Single), "a Single score"),
            columns.Request(predicted, t => t is BooleanDataViewType, "a Boolean predicted label"));
    }

    /// <summary><c>ml.BinaryClassification.Trainers</c>: networks with one logit output (Score), its sigmoid (Probability) and PredictedLabel; binary cross-entropy by default.</summary>
    public sealed class BinaryClassificationTrainers : DeepTrainerCatalog<BinaryPredictionTransformer<SequentialModel>>
    {
        internal BinaryClassificationTrainers(MLContext context)
            : base(context, new BinaryClassificationTask(), (model, features, label) => new BinaryPredictionTransformer<SequentialModel>(model, features)) { }

        /// <summary>Gradient-boosted trees (ML.NET's FastTree defaults: 20 leaves, 100 trees, 10 examples per leaf, learning rate 0.2).</summary>
        public FastTreeBinaryTrainer FastTree(string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
            int numberOfLeaves = 20, int numberOfTrees = 100, int minimumExampleCountPerLeaf = 10, double learningRate = 0.2) =>
            FastTree(new FastTreeBinaryTrainer.Options { LearningRate = learningRate }.With<FastTreeBinaryTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, numberOfLeaves, numberOfTrees, minimumExampleCountPerLeaf));

        /// <summary>Gradient-boosted trees with every option.</summary>
        public FastTreeBinaryTrainer FastTree(FastTreeBinaryTrainer.Options options) => new(Context, options, Task);

        /// <summary>A random forest (ML.NET's FastForest defaults: 20 leaves, 100 trees, 10 examples per leaf, 70% of rows and features per tree).</summary>
        public FastForestBinaryTrainer FastForest(string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
            int numberOfLeaves = 20, int numberOfTrees = 100, int minimumExampleCountPerLeaf = 10) =>
            FastForest(new FastForestBinaryTrainer.Options().With<FastForestBinaryTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, numberOfLeaves, numberOfTrees, minimumExampleCountPerLeaf));

        /// <summary>A random forest with every option.</summary>
        public FastForestBinaryTrainer FastForest(FastForestBinaryTrainer.Options options) => new(Context, options, Task);
    }
}
