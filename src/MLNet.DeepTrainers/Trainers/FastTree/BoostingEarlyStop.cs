namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Early stopping for one boosting run (ML.NET's FastTree): after each round, the validation rows'
/// scores take the round's trees, the rule reads the validation and training errors, and the round
/// with the best validation error is remembered; the model keeps the trees up to that round.
/// </summary>
internal sealed class BoostingEarlyStop
{
    private readonly EarlyStoppingRuleBase _rule;
    private readonly TrainingData _validation;
    private readonly TreeObjective _objective;
    private readonly EarlyStoppingMetric _metric;
    private readonly double[] _scores;
    private readonly DataParallel? _ranks;

    // Distributed, every rank holds its own part of the validation and training rows; the errors are of all ranks' rows.
    public BoostingEarlyStop(EarlyStoppingRuleBase rule, TrainingData validation, TreeObjective objective, EarlyStoppingMetric metric, double[] bias, DataParallel? ranks)
    {
        _ranks = ranks;
        _rule = rule.Restart();
        _validation = validation;
        _objective = objective;
        _metric = metric;
        _scores = new double[validation.Rows * bias.Length];
        for (int i = 0; i < _scores.Length; i++)
            _scores[i] = bias[i % bias.Length];
    }

    /// <summary>The number of rounds whose trees the model keeps: those up to the best validation error so far.</summary>
    public int BestRounds { get; private set; }

    /// <summary>Adds one round's trees (one per output) and returns whether training should stop.</summary>
    public bool AfterRound(int round, IReadOnlyList<RegressionTree> roundTrees, double[] trainingScores, float[] trainingLabels)
    {
        int outputs = roundTrees.Count, width = _validation.Width;
        var dense = _validation.Features.ToDense();
        for (int r = 0; r < _validation.Rows; r++)
        {
            var features = dense.AsSpan(r * width, width);
            for (int k = 0; k < outputs; k++)
                _scores[r * outputs + k] += roundTrees[k].Evaluate(features);
        }
        float validationError = (float)Error(_scores, _validation.Labels);
        float trainingError = (float)Error(trainingScores, trainingLabels);
        bool stop = _rule.CheckScore(validationError, trainingError, out bool best);
        if (best)
            BestRounds = round + 1;
        return stop;
    }

    // The error of all ranks' rows: means weighted by rows, a root mean square through its square.
    private double Error(double[] scores, float[] labels)
    {
        if (_ranks is null)
            return _objective.Error(scores, labels, _metric);
        double error = labels.Length == 0 ? 0 : _objective.Error(scores, labels, _metric);
        bool rootMeanSquare = _objective is TreeObjective.SquaredError && _metric == EarlyStoppingMetric.L2Norm;
        Span<double> sums = [(rootMeanSquare ? error * error : error) * labels.Length, labels.Length];
        _ranks.Sum(sums);
        return rootMeanSquare ? Math.Sqrt(sums[0] / sums[1]) : sums[0] / sums[1];
    }
}
