using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Evaluation;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers;

/// <summary><c>ml.Regression</c>: trainers, evaluation and cross-validation for numeric labels.</summary>
public sealed class RegressionCatalog
{
    private readonly MLContext _context;

    internal RegressionCatalog(MLContext context)
    {
        _context = context;
        Trainers = new RegressionTrainers(context);
    }

    /// <summary>The regression trainers.</summary>
    public RegressionTrainers Trainers { get; }

    /// <summary>MAE, MSE, RMSE and R² of <paramref name="scoreColumnName"/> against <paramref name="labelColumnName"/>.</summary>
    public RegressionMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = new ColumnValues(data, "Regression.Evaluate");
        int label = columns.Request(labelColumnName, t => t.Equals(NumberDataViewType.Single), "a Single label");
        int score = columns.Request(scoreColumnName, t => t.Equals(NumberDataViewType.Single), "a Single score (the output of a regression trainer)");
        var values = columns.Read();
        return RegressionEvaluator.Compute((float[])values[label], (float[])values[score]);
    }

    /// <summary>Trains <paramref name="estimator"/> on k - 1 folds and evaluates it on the k-th, for each fold.</summary>
    public IReadOnlyList<CrossValidationResult<RegressionMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5,
        string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null) =>
        CrossValidation.Run(_context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));

    /// <summary><c>ml.Regression.Trainers</c>.</summary>
    public sealed class RegressionTrainers
    {
        private readonly MLContext _context;

        internal RegressionTrainers(MLContext context) => _context = context;

        /// <summary>
        /// A multi-layer perceptron trained through libtorch: Dense hidden layers with ReLU, then one
        /// linear output unit, MSE loss, Adam at <paramref name="learningRate"/>.
        /// </summary>
        public DeepRegressionTrainer Mlp(string labelColumnName = "Label", string featureColumnName = "Features", int[]? hiddenLayers = null,
            int epochs = 10, int batchSize = 32, double learningRate = 0.001) =>
            Mlp(new MlpOptions
            {
                LabelColumnName = labelColumnName,
                FeatureColumnName = featureColumnName,
                HiddenLayers = hiddenLayers ?? [64, 64],
                Epochs = epochs,
                BatchSize = batchSize,
                Optimizer = new Adam(learningRate),
            });

        /// <summary>A multi-layer perceptron with every option.</summary>
        public DeepRegressionTrainer Mlp(MlpOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            return new DeepRegressionTrainer(_context, options, "Mlp");
        }
    }
}
