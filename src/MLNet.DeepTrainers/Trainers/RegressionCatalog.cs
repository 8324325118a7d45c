using System.Collections.Immutable;

namespace MLNet.DeepTrainers;

/// <summary><c>ml.Regression</c>: trainers, evaluation and cross-validation for numeric labels.</summary>
public sealed class RegressionCatalog : TrainCatalogBase
{
    private readonly MLContext _context;

    internal RegressionCatalog(MLContext context)
    {
        _context = context;
        Trainers = new RegressionTrainers(context);
    }

    /// <summary>The regression trainers.</summary>
    public RegressionTrainers Trainers { get; }

    /// <summary>
    /// Permutation feature importance of <paramref name="predictionTransformer"/> on <paramref name="data"/>
    /// (the data as it reads it, its feature column included): per slot of the feature vector, the change
    /// of each regression metric when that slot is shuffled across the rows, over
    /// <paramref name="permutationCount"/> shuffles. <paramref name="useFeatureWeightFilter"/> is accepted
    /// for ML.NET's signature; it filters by linear weights, which these models do not have.
    /// </summary>
    public ImmutableArray<RegressionMetricsStatistics> PermutationFeatureImportance<TModel>(ISingleFeaturePredictionTransformer<TModel> predictionTransformer, IDataView data,
        string labelColumnName = "Label", bool useFeatureWeightFilter = false, int? numberOfExamplesToUse = null, int permutationCount = 1) where TModel : class =>
        [.. Evaluation.PermutationFeatureImportance.Compute(predictionTransformer, data, numberOfExamplesToUse, permutationCount, _context.NextSeed(),
            d => Evaluate(d, labelColumnName), (baseline, permuted) => new RegressionMetricsStatistics(baseline, permuted))];

    /// <summary>Permutation feature importance of a whole fitted pipeline on its raw input, keyed by the feature vector's slot names.</summary>
    public IDictionary<string, RegressionMetricsStatistics> PermutationFeatureImportance(ITransformer model, IDataView data,
        string labelColumnName = "Label", bool useFeatureWeightFilter = false, int? numberOfExamplesToUse = null, int permutationCount = 1) =>
        Evaluation.PermutationFeatureImportance.ComputeByName(model, data, (predictor, input) =>
            PermutationFeatureImportance(predictor, input, labelColumnName, useFeatureWeightFilter, numberOfExamplesToUse, permutationCount).ToArray());

    /// <summary>
    /// MAE, MSE, RMSE and R² of <paramref name="scoreColumnName"/> against <paramref name="labelColumnName"/>;
    /// for a vector label (a network trained on one), each metric averaged over the slots.
    /// </summary>
    public RegressionMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = new ColumnValues(data, "Regression.Evaluate");
        int label = columns.Request(labelColumnName, t => t.Equals(NumberDataViewType.Single) || SingleVectorSize(t) > 0, "a Single label, or a Single vector of known size");
        int width = SingleVectorSize(columns.Column(label).Type);
        int score = width == 0
            ? columns.Request(scoreColumnName, t => t.Equals(NumberDataViewType.Single), "a Single score (the output of a regression trainer)")
            : columns.Request(scoreColumnName, t => SingleVectorSize(t) == width, $"a vector of {width} Single scores, one per slot of the label (the output of a network trained on it)");
        var values = columns.Read();
        if (width > 0)
            return RegressionEvaluator.Compute(((float[][])values[label]).SelectMany(v => v).ToArray(), ((float[][])values[score]).SelectMany(v => v).ToArray(), width);
        return RegressionEvaluator.Compute((float[])values[label], (float[])values[score]);
    }

    private static int SingleVectorSize(DataViewType type) => type is VectorDataViewType v && v.ItemType.Equals(NumberDataViewType.Single) ? v.Size : 0;

    /// <summary>Trains <paramref name="estimator"/> on k - 1 folds and evaluates it on the k-th, for each fold.</summary>
    public IReadOnlyList<CrossValidationResult<RegressionMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5,
        string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null) =>
        CrossValidation.Run(_context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));

    /// <summary>
    /// Grid or random search: cross-validates the pipeline <paramref name="pipeline"/> builds for each candidate
    /// of <paramref name="searchSpace"/> on the same folds and ranks the candidates by the mean of
    /// <paramref name="metric"/> (a property name of RegressionMetrics); the best is refitted on all the data.
    /// </summary>
    public SearchResult<RegressionMetrics> SearchHyperparameters(IDataView data, Func<ParameterSet, IEstimator<ITransformer>> pipeline, SearchSpace searchSpace,
        string metric = nameof(RegressionMetrics.MeanAbsoluteError), SearchOptions? options = null) =>
        HyperparameterSearch.Run<RegressionMetrics>(_context, data, pipeline, searchSpace, metric, options, CrossValidate);

    /// <summary><c>ml.Regression.Trainers</c>: networks with one linear output unit and MSE by default.</summary>
    public sealed class RegressionTrainers : DeepTrainerCatalog<RegressionPredictionTransformer<SequentialModel>>
    {
        internal RegressionTrainers(MLContext context)
            : base(context, new RegressionTask(), (model, features, label) => new RegressionPredictionTransformer<SequentialModel>(model, features)) { }

        /// <summary>Gradient-boosted trees (ML.NET's FastTree defaults: 20 leaves, 100 trees, 10 examples per leaf, learning rate 0.2).</summary>
        public FastTreeRegressionTrainer FastTree(string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
            int numberOfLeaves = 20, int numberOfTrees = 100, int minimumExampleCountPerLeaf = 10, double learningRate = 0.2) =>
            FastTree(new FastTreeRegressionTrainer.Options { LearningRate = learningRate }.With<FastTreeRegressionTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, numberOfLeaves, numberOfTrees, minimumExampleCountPerLeaf));

        /// <summary>Gradient-boosted trees with every option.</summary>
        public FastTreeRegressionTrainer FastTree(FastTreeRegressionTrainer.Options options) => new(Context, options, Task);

        /// <summary>A random forest (ML.NET's FastForest defaults: 20 leaves, 100 trees, 10 examples per leaf, 70% of rows and features per tree).</summary>
        public FastForestRegressionTrainer FastForest(string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
            int numberOfLeaves = 20, int numberOfTrees = 100, int minimumExampleCountPerLeaf = 10) =>
            FastForest(new FastForestRegressionTrainer.Options().With<FastForestRegressionTrainer.Options>(labelColumnName, featureColumnName, exampleWeightColumnName, numberOfLeaves, numberOfTrees, minimumExampleCountPerLeaf));

        /// <summary>A random forest with every option.</summary>
        public FastForestRegressionTrainer FastForest(FastForestRegressionTrainer.Options options) => new(Context, options, Task);
    }
}
