namespace MLNet.DeepTrainers;

/// <summary>Multiclass classification: a key label, one logit per class, categorical cross-entropy by default, accuracy as the metric.</summary>
internal sealed class MulticlassClassificationTask : LearningTask
{
    public static MulticlassClassificationTask Instance { get; } = new();

    public override string Catalog => "MulticlassClassification";

    public override string MetricName => "accuracy";

    public override ActivationKind? FoldedActivation => ActivationKind.Softmax;

    public override string LabelNeed => "a key label of at least two classes: map it with ml.Transforms.Conversion.MapValueToKey first, as ML.NET's multiclass trainers require";

    public override bool AcceptsLabel(DataViewType type) => type is KeyDataViewType { Count: >= 2 and <= int.MaxValue };

    public override bool AcceptsLabel(SchemaShape.Column column) => column.IsKey && column.Kind == SchemaShape.Column.VectorKind.Scalar;

    /// <summary>Class indices, as cross-entropy takes them.</summary>
    public override torch.ScalarType TargetType => torch.ScalarType.Int64;

    public override int OutputWidth(DataViewSchema.Column label) => (int)((KeyDataViewType)label.Type).Count;

    public override int ClassCount(DataViewSchema.Column label) => OutputWidth(label);

    public override Action<long, Span<float>> LabelReader(DataViewRow cursor, DataViewSchema.Column label, string user)
    {
        var read = cursor.GetGetter<uint>(label);
        uint key = 0;
        ulong count = ((KeyDataViewType)label.Type).Count;
        return (row, target) =>
        {
            read(ref key);
            if (key == 0 || key > count)
                throw new InvalidOperationException($"{user}: row {row} of the label column '{label.Name}' is a missing key (a value MapValueToKey did not see when it was fitted). Remove such rows, or fit MapValueToKey on data that has them.");
            target[0] = key - 1;
        };
    }

    public override void CheckLoss(LossFunction? loss, string user)
    {
        if (loss is not (null or LossFunction.CategoricalCrossEntropy))
            throw UnsupportedLoss(loss.Value, Catalog, user, "CategoricalCrossEntropy");
    }

    public override Tensor Loss(LossFunction? loss, Tensor outputs, Tensor targets) =>
        torch.nn.functional.cross_entropy(outputs, targets, reduction: torch.nn.Reduction.None);

    public override Tensor MeanLoss(LossFunction? loss, Tensor outputs, Tensor targets) =>
        torch.nn.functional.cross_entropy(outputs, targets);

    public override bool HasOutputGradient(LossFunction? loss) => true;

    // Cross-entropy on logits o with class c: its derivative is softmax(o) - one_hot(c).
    public override Tensor OutputGradient(LossFunction? loss, Tensor outputs, Tensor targets, Tensor? weights, double factor) =>
        Weighted(outputs.softmax(1).sub_(torch.nn.functional.one_hot(targets, outputs.shape[1])), weights, factor / outputs.shape[0]);

    public override Tensor MetricSum(Tensor outputs, Tensor targets) => outputs.argmax(1).eq(targets).sum();

    public override void CheckTargets(ReadOnlySpan<float> targets, string user)
    {
        if (targets.Length > 0 && !targets.ContainsAnyExcept(targets[0]))
            throw new InvalidOperationException($"{user}: every training label is class {targets[0] + 1}; classification needs examples of at least two classes.");
    }

    /// <summary>The log of each class's share of the rows, at least 1e-4 (a class with no rows).</summary>
    public override float[] StartingBias(TrainingData data, int outputs)
    {
        var sums = new double[outputs];
        double weights = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            sums[(int)data.Targets[row]] += WeightOf(data, row);
            weights += WeightOf(data, row);
        }
        return sums.Select(s => (float)Math.Log(Math.Max(weights > 0 ? s / weights : 1.0 / outputs, 1e-4))).ToArray();
    }

    public override PredictionColumns Columns(DataViewSchema.Column label) => new MulticlassColumns(label);

    public override SchemaShape OutputShape(SchemaShape input) => DeepTrainers.OutputShape.Multiclass(input);
}
