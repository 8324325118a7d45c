namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// Multi-label classification: a vector of Booleans per row, any number of them true (a newswire's
/// topics); one independent binary problem per label, so binary classification's logit outputs,
/// losses and accuracy (averaged over the labels, Keras's binary accuracy) apply per label.
/// </summary>
internal sealed class MultiLabelClassificationTask : BinaryClassificationTask
{
    public override string Catalog => "MultiLabelClassification";

    public override SchemaShape.Column[] Outputs(SchemaShape input, string label, string user)
    {
        input.Require(label, user, c => c.ItemType is BooleanDataViewType && c.Kind == SchemaShape.Column.VectorKind.Vector,
            "a vector of Booleans of known size, one per label (declare the member as bool[] with [VectorType(labels)]; " +
            "from text such as \"earn;acq\": TokenizeIntoWords, MapValueToKey, OneHotEncoding with OutputKind.Bag, then ConvertType to Boolean)");
        return MultiLabelPredictionTransformer<SequentialModel>.OutputShape;
    }

    public override TrainingData.LabelReader Labels(DataViewSchema.Column label, string user) => new(label.Name, OutputWidth(label), cursor =>
    {
        var read = cursor.GetGetter<bool[]>(label);
        bool[] values = [];
        return (_, targets) =>
        {
            read(ref values);
            for (int i = 0; i < values.Length; i++)
                targets[i] = values[i] ? 1f : 0f;
        };
    });

    public override int OutputWidth(DataViewSchema.Column label) => ((VectorDataViewType)label.Type).Size;

    // Each label has two classes, but a weight per class of a vector label is not one weight per row.
    public override int ClassCount(DataViewSchema.Column label) => 0;

    public override void CheckTargets(float[] labels, string user)
    {
        if (labels.All(l => l == labels[0]))
            throw new InvalidOperationException($"{user}: every label of every training row is {labels[0] == 1}; there is nothing to tell apart.");
    }
}
