namespace MLNet.DeepTrainers;

/// <summary>
/// Multi-label classification (the seeds' Reuters lesson with sigmoid outputs): a known-size Boolean
/// vector label, one logit per label, binary cross-entropy averaged over the labels (Keras's
/// binary_crossentropy), and Keras's binary accuracy, the share of labels predicted right, as the metric.
/// </summary>
internal sealed class MultiLabelClassificationTask : LearningTask
{
    public static MultiLabelClassificationTask Instance { get; } = new();

    public override string Catalog => "MultiLabelClassification";

    public override string MetricName => "accuracy";

    public override ActivationKind? FoldedActivation => ActivationKind.Sigmoid;

    public override string LabelNeed => "a known-size vector of Boolean, one slot per label (ml.Transforms.Conversion.ConvertType(..., outputKind: DataKind.Boolean) makes one from 0/1 numbers)";

    public override bool AcceptsLabel(DataViewType type) => type is VectorDataViewType { IsKnownSize: true, ItemType: BooleanDataViewType };

    public override bool AcceptsLabel(SchemaShape.Column column) =>
        column.Kind == SchemaShape.Column.VectorKind.Vector && column.ItemType == BooleanDataViewType.Instance;

    public override int OutputWidth(DataViewSchema.Column label) => ((VectorDataViewType)label.Type).Size;

    public override int TargetWidth(DataViewSchema.Column label) => OutputWidth(label);

    public override Action<long, Span<float>> LabelReader(DataViewRow cursor, DataViewSchema.Column label, string user)
    {
        var read = cursor.GetGetter<VBuffer<bool>>(label);
        var value = default(VBuffer<bool>);
        return (_, targets) =>
        {
            read(ref value);
            targets.Clear();
            foreach (var (slot, set) in value.Items())
                targets[slot] = set ? 1 : 0;
        };
    }

    public override void CheckLoss(LossFunction? loss, string user)
    {
        if (loss is not (null or LossFunction.BinaryCrossEntropy))
            throw UnsupportedLoss(loss.Value, Catalog, user, "BinaryCrossEntropy");
    }

    public override Tensor Loss(LossFunction? loss, Tensor outputs, Tensor targets) =>
        torch.nn.functional.binary_cross_entropy_with_logits(outputs, targets, reduction: torch.nn.Reduction.None).mean([1]);

    public override Tensor MeanLoss(LossFunction? loss, Tensor outputs, Tensor targets) =>
        torch.nn.functional.binary_cross_entropy_with_logits(outputs, targets);

    public override bool HasOutputGradient(LossFunction? loss) => true;

    // Binary cross-entropy on each logit o, its mean over the labels and rows: (sigmoid(o) - label) / (rows · labels).
    public override Tensor OutputGradient(LossFunction? loss, Tensor outputs, Tensor targets, Tensor? weights, double factor) =>
        Weighted(outputs.sigmoid().sub_(targets), weights, factor / outputs.numel());

    public override Tensor MetricSum(Tensor outputs, Tensor targets) =>
        outputs.gt(Scalars.Zero).to(targets.dtype).eq(targets).to(targets.dtype).mean([1]).sum();

    /// <summary>Each label's log-odds.</summary>
    public override float[] StartingBias(TrainingData data, int outputs)
    {
        var positives = new double[outputs];
        double weights = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            double weight = WeightOf(data, row);
            for (int label = 0; label < outputs; label++)
                positives[label] += weight * data.Targets[row * outputs + label];
            weights += weight;
        }
        return [.. positives.Select(p => LogOdds(p, weights))];
    }

    public override PredictionColumns Columns(DataViewSchema.Column label) => new MultiLabelColumns(label);

    public override SchemaShape OutputShape(SchemaShape input) => DeepTrainers.OutputShape.MultiLabel(input);
}
