using MLNet.DeepTrainers.Trainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Evaluation;

namespace MLNet.DeepTrainers;

/// <summary><c>ml.BinaryClassification</c>: evaluation and cross-validation for Boolean labels.</summary>
public sealed class BinaryClassificationCatalog
{
    private readonly MLContext _context;

    internal BinaryClassificationCatalog(MLContext context)
    {
        _context = context;
        Trainers = new BinaryClassificationTrainers(context);
    }

    /// <summary>The trainers of this task.</summary>
    public BinaryClassificationTrainers Trainers { get; }

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
    }
}
