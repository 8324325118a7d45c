namespace MLNet.DeepTrainers;

/// <summary>Regression: a Single label, one output, mean squared error by default, MAE as the metric.</summary>
internal sealed class RegressionTask : LearningTask
{
    public static RegressionTask Instance { get; } = new();

    public override string Catalog => "Regression";

    public override string MetricName => "mae";

    public override string LabelNeed => "a Single label";

    public override bool LabelHasUnits => true;

    public override bool AcceptsLabel(DataViewType type) => type == NumberDataViewType.Single;

    public override bool AcceptsLabel(SchemaShape.Column column) =>
        column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType == NumberDataViewType.Single && !column.IsKey;

    public override Action<long, Span<float>> LabelReader(DataViewRow cursor, DataViewSchema.Column label, string user)
    {
        var read = cursor.GetGetter<float>(label);
        float value = 0;
        return (row, target) =>
        {
            read(ref value);
            if (!float.IsFinite(value))
                throw new InvalidOperationException($"{user}: row {row} of the label column '{label.Name}' is {value}; a regression label must be a finite number. Remove or fill such rows first (ml.Data.FilterRowsByMissingValues, ml.Transforms.ReplaceMissingValues).");
            target[0] = value;
        };
    }

    /// <summary>
    /// Refuses labels whose spread float arithmetic cannot train on: a variance beyond a float's normal range
    /// (a standard deviation above about 1.8e19 or below 1.1e-19, the label not constant) overflows the squared
    /// error or the label's statistics, or vanishes in them.
    /// </summary>
    public override void CheckTargets(ReadOnlySpan<float> targets, string user)
    {
        const double SmallestNormalFloat = 1.17549435e-38;
        double variance = Normalization.Module.Moments(targets).Variance;
        if (variance > float.MaxValue || variance > 0 && variance < SmallestNormalFloat)
            throw new InvalidOperationException($"{user}: the training labels' standard deviation is {Math.Sqrt(variance):G3}, beyond what float arithmetic trains on " +
                $"(about {Math.Sqrt(SmallestNormalFloat):G2} to {Math.Sqrt(float.MaxValue):G2}); rescale the label first, by a power of ten say, and its predictions back after.");
    }

    public override void CheckLoss(LossFunction? loss, string user)
    {
        if (loss is not (null or LossFunction.MeanSquaredError or LossFunction.MeanAbsoluteError or LossFunction.Huber))
            throw UnsupportedLoss(loss.Value, Catalog, user, "MeanSquaredError, MeanAbsoluteError or Huber");
    }

    public override Tensor Loss(LossFunction? loss, Tensor outputs, Tensor targets)
    {
        var difference = Score(outputs) - targets;
        return (loss ?? LossFunction.MeanSquaredError) switch
        {
            LossFunction.MeanAbsoluteError => difference.abs(),
            LossFunction.Huber => torch.nn.functional.huber_loss(Score(outputs), targets, reduction: torch.nn.Reduction.None),
            // x·x rather than square(), which is pow(x, 2) with a temporary scalar (see Scalars); libtorch computes both as x·x.
            _ => difference * difference,
        };
    }

    /// <summary>A squared error's unit is the label's variance; an absolute error's (Huber's beyond its δ, in the label's units) its deviation.</summary>
    public override double LossUnit(LossFunction? loss, double labelDeviation) =>
        (loss ?? LossFunction.MeanSquaredError) == LossFunction.MeanSquaredError ? labelDeviation * labelDeviation : labelDeviation;

    public override Tensor MeanLoss(LossFunction? loss, Tensor outputs, Tensor targets) => (loss ?? LossFunction.MeanSquaredError) switch
    {
        LossFunction.MeanSquaredError => torch.nn.functional.mse_loss(Score(outputs), targets),
        _ => base.MeanLoss(loss, outputs, targets),
    };

    public override bool HasOutputGradient(LossFunction? loss) => true;

    // The derivatives of x², |x| and Huber's loss (δ = 1) at x = output - label: 2x, the sign of x (0 at 0, as libtorch's), x clamped to ±1.
    public override Tensor OutputGradient(LossFunction? loss, Tensor outputs, Tensor targets, Tensor? weights, double factor)
    {
        var difference = outputs.sub(targets.unsqueeze(1));
        double rows = outputs.shape[0];
        return (loss ?? LossFunction.MeanSquaredError) switch
        {
            LossFunction.MeanAbsoluteError => Weighted(difference.sign_(), weights, factor / rows),
            LossFunction.Huber => Weighted(difference.clamp_(Scalars.MinusOne, Scalars.One), weights, factor / rows),
            _ => Weighted(difference, weights, 2 * factor / rows),
        };
    }

    public override Tensor MetricSum(Tensor outputs, Tensor targets) => torch.nn.functional.l1_loss(Score(outputs), targets, reduction: torch.nn.Reduction.Sum);

    /// <summary>The mean label.</summary>
    public override float[] StartingBias(TrainingData data, int outputs)
    {
        double sum = 0, weights = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            sum += WeightOf(data, row) * data.Targets[row];
            weights += WeightOf(data, row);
        }
        return [weights > 0 ? (float)(sum / weights) : 0];
    }

    public override PredictionColumns Columns(DataViewSchema.Column label) => new RegressionColumns();

    public override SchemaShape OutputShape(SchemaShape input) => DeepTrainers.OutputShape.Regression(input);
}
