namespace MLNet.DeepTrainers;

/// <summary>Binary classification: a Boolean label, one logit, binary cross-entropy by default, accuracy as the metric.</summary>
internal sealed class BinaryClassificationTask : LearningTask
{
    public static BinaryClassificationTask Instance { get; } = new();

    public override string Catalog => "BinaryClassification";

    public override string MetricName => "accuracy";

    public override ActivationKind? FoldedActivation => ActivationKind.Sigmoid;

    public override string LabelNeed => "a Boolean label (ML.NET's binary trainers take Boolean labels; convert others with ml.Transforms.Conversion.ConvertType or a CustomMapping)";

    public override bool AcceptsLabel(DataViewType type) => type == BooleanDataViewType.Instance;

    public override bool AcceptsLabel(SchemaShape.Column column) =>
        column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType == BooleanDataViewType.Instance;

    public override int ClassCount(DataViewSchema.Column label) => 2;

    public override Action<long, Span<float>> LabelReader(DataViewRow cursor, DataViewSchema.Column label, string user)
    {
        var read = cursor.GetGetter<bool>(label);
        bool value = false;
        return (_, target) =>
        {
            read(ref value);
            target[0] = value ? 1 : 0;
        };
    }

    public override void CheckLoss(LossFunction? loss, string user)
    {
        if (loss is not (null or LossFunction.BinaryCrossEntropy or LossFunction.Hinge))
            throw UnsupportedLoss(loss.Value, Catalog, user, "BinaryCrossEntropy or Hinge");
    }

    // Hinge: max(0, 1 - t·output) with t = 2·label - 1, its numbers cached scalars (see Scalars), 1 - x written as -x + 1 as TorchSharp's operator does.
    public override Tensor Loss(LossFunction? loss, Tensor outputs, Tensor targets) => loss == LossFunction.Hinge
        ? targets.mul(Scalars.Two).sub(Scalars.One).mul(Score(outputs)).neg().add(Scalars.One, Scalars.One).clamp_min(Scalars.Zero)
        : torch.nn.functional.binary_cross_entropy_with_logits(Score(outputs), targets, reduction: torch.nn.Reduction.None);

    public override Tensor MeanLoss(LossFunction? loss, Tensor outputs, Tensor targets) => loss == LossFunction.Hinge
        ? base.MeanLoss(loss, outputs, targets)
        : torch.nn.functional.binary_cross_entropy_with_logits(Score(outputs), targets);

    public override bool HasOutputGradient(LossFunction? loss) => loss != LossFunction.Hinge;

    // Binary cross-entropy on a logit o: its derivative is sigmoid(o) - label.
    public override Tensor OutputGradient(LossFunction? loss, Tensor outputs, Tensor targets, Tensor? weights, double factor) =>
        Weighted(outputs.sigmoid().sub_(targets.unsqueeze(1)), weights, factor / outputs.shape[0]);

    public override Tensor MetricSum(Tensor outputs, Tensor targets) => Score(outputs).gt(Scalars.Zero).to(targets.dtype).eq(targets).sum();

    public override void CheckTargets(ReadOnlySpan<float> targets, string user)
    {
        if (targets.Length > 0 && !targets.ContainsAnyExcept(targets[0]))
            throw new InvalidOperationException($"{user}: every training label is {targets[0] == 1}; binary classification needs examples of both classes.");
    }

    /// <summary>The log-odds of the positive class, its share kept within [1e-4, 1 - 1e-4].</summary>
    public override float[] StartingBias(TrainingData data, int outputs)
    {
        double positive = 0, weights = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            positive += WeightOf(data, row) * data.Targets[row];
            weights += WeightOf(data, row);
        }
        return [LogOdds(positive, weights)];
    }

    public override PredictionColumns Columns(DataViewSchema.Column label) => new BinaryColumns();

    public override SchemaShape OutputShape(SchemaShape input) => DeepTrainers.OutputShape.Binary(input);
}
