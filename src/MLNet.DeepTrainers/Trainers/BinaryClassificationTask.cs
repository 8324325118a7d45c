namespace MLNet.DeepTrainers.Trainers;

/// <summary>Binary classification: a Boolean label, one logit output, binary cross-entropy by default, accuracy as the metric.</summary>
internal class BinaryClassificationTask : LearningTask
{
    public override string Catalog => "BinaryClassification";
    public override string MetricName => "accuracy";
    public override ActivationKind PredictionActivation => ActivationKind.Linear;
    public override ActivationKind? FoldedActivation => ActivationKind.Sigmoid;

    public override SchemaShape.Column[] Outputs(SchemaShape input, string label, string user)
    {
        input.Require(label, user, c => c.ItemType is BooleanDataViewType && c.Kind == SchemaShape.Column.VectorKind.Scalar,
            "a Boolean label (declare the member as bool, or map text labels to true and false before training)");
        return BinaryPredictionTransformer<SequentialModel>.OutputShape;
    }

    public override TrainingData.LabelReader Labels(DataViewSchema.Column label, string user) => new(label.Name, 1, cursor =>
    {
        var read = cursor.GetGetter<bool>(label);
        bool value = false;
        return (_, targets) =>
        {
            read(ref value);
            targets[0] = value ? 1f : 0f;
        };
    });

    public override int OutputWidth(DataViewSchema.Column label) => 1;

    public override int ClassCount(DataViewSchema.Column label) => 2;

    public override SpecLine LossSpec(LossFunction? loss, string user) => (loss ?? LossFunction.BinaryCrossEntropy) switch
    {
        LossFunction.BinaryCrossEntropy => new SpecLine("bce_logits"),
        LossFunction.Hinge => new SpecLine("hinge"),
        LossFunction.MeanSquaredError => new SpecLine("mse"),
        var other => UnsupportedLoss(other, Catalog, user),
    };

    // Per row, the fraction of its outputs on the right side of 0: Keras's binary accuracy.
    public sealed override double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width)
    {
        double correct = 0;
        for (int i = 0; i < targets.Length; i++)
            correct += (outputs[i] > 0) == (targets[i] > 0.5f) ? 1 : 0;
        return correct / width;
    }

    public override void CheckTargets(float[] labels, string user)
    {
        if (labels.All(l => l == labels[0]))
            throw new InvalidOperationException($"{user}: every training label is {labels[0] == 1}; binary classification needs examples of both classes.");
    }

    public override TreeObjective BoostingObjective(int outputs) => new TreeObjective.Logistic();

    public override TreeOutput BoostingOutput => TreeOutput.Identity;

    // The trees average 0/1 labels into a probability; its logit keeps Score a margin, as boosting's.
    public override TreeOutput ForestOutput => TreeOutput.Logit;
}
