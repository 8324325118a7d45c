namespace MLNet.DeepTrainers.Trainers;

/// <summary>Multiclass classification: a key label, one logit per class, cross-entropy by default, accuracy as the metric.</summary>
internal sealed class MulticlassClassificationTask : LearningTask
{
    public override string Catalog => "MulticlassClassification";
    public override string MetricName => "accuracy";
    public override ActivationKind PredictionActivation => ActivationKind.Softmax;
    public override ActivationKind? FoldedActivation => ActivationKind.Softmax;

    public override SchemaShape.Column[] Outputs(SchemaShape input, string label, string user)
    {
        var column = input.Require(label, user, c => c.IsKey && c.Kind == SchemaShape.Column.VectorKind.Scalar,
            "a key label: map it with Conversion.MapValueToKey first, as ML.NET requires");
        return MulticlassPredictionTransformer<SequentialModel>.OutputShape(column);
    }

    public override TrainingData.LabelReader Labels(DataViewSchema.Column label, string user) => new(label.Name, 1, cursor =>
    {
        var read = cursor.GetGetter<uint>(label);
        uint key = 0;
        ulong count = ((KeyDataViewType)label.Type).Count;
        return (row, targets) =>
        {
            read(ref key);
            if (key == 0 || key > count)
                throw new InvalidOperationException($"{user}: row {row} of the label column '{label.Name}' is a missing key (a value MapValueToKey did not see). Remove such rows or fit MapValueToKey on data that has them.");
            targets[0] = key - 1;
        };
    });

    public override int OutputWidth(DataViewSchema.Column label) => (int)((KeyDataViewType)label.Type).Count;

    public override int ClassCount(DataViewSchema.Column label) => OutputWidth(label);

    public override SpecLine LossSpec(LossFunction? loss, string user) => (loss ?? LossFunction.CategoricalCrossEntropy) switch
    {
        LossFunction.CategoricalCrossEntropy => new SpecLine("ce_logits"),
        var other => UnsupportedLoss(other, Catalog, user),
    };

    public override double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width)
    {
        double correct = 0;
        for (int i = 0; i < targets.Length; i++)
            correct += MulticlassPredictionTransformer<SequentialModel>.ArgMax(outputs.Slice(i * width, width)) == (int)targets[i] ? 1 : 0;
        return correct;
    }

    public override void CheckTargets(float[] labels, string user)
    {
        if (labels.All(l => l == labels[0]))
            throw new InvalidOperationException($"{user}: every training label is class {labels[0] + 1}; classification needs examples of at least two classes.");
    }

    public override TreeObjective BoostingObjective(int outputs) => new TreeObjective.Softmax(outputs);

    public override TreeOutput BoostingOutput => TreeOutput.Softmax;
}
