namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// What a learning task (regression, binary or multiclass classification) decides for every trainer:
/// which labels it takes and how they become float targets (class indices for multiclass), the
/// output width, and for networks the output activation, default loss and reported metric.
/// </summary>
internal abstract class LearningTask
{
    /// <summary>The catalog name, for messages: "Regression", "BinaryClassification", ...</summary>
    public abstract string Catalog { get; }

    /// <summary>"mae" or "accuracy".</summary>
    public abstract string MetricName { get; }

    /// <summary>Checks the label column's shape and returns the output columns the trainer adds.</summary>
    public abstract SchemaShape.Column[] Outputs(SchemaShape input, string label, string user);

    /// <summary>Reads labels as float targets (class indices for multiclass).</summary>
    public abstract TrainingData.LabelReader Labels(DataViewSchema.Column label, string user);

    /// <summary>The number of outputs: 1, the number of classes, or the slots of a vector label.</summary>
    public abstract int OutputWidth(DataViewSchema.Column label);

    /// <summary>The activation predictions apply to the raw outputs (the loss takes them raw).</summary>
    public abstract ActivationKind PredictionActivation { get; }

    /// <summary>The activation a user's last layer may carry and the task takes over (sigmoid, softmax).</summary>
    public virtual ActivationKind? FoldedActivation => null;

    /// <summary>The native loss spec for <paramref name="loss"/> (null: the task's default).</summary>
    public abstract SpecLine LossSpec(LossFunction? loss, string user);

    /// <summary>The metric over a batch: the sum (not the mean) of per-row MAE or correct predictions.</summary>
    public abstract double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width);

    /// <summary>What boosting minimises for this task over <paramref name="outputs"/> outputs.</summary>
    public abstract TreeObjective BoostingObjective(int outputs);

    /// <summary>How a boosted ensemble's summed scores become outputs.</summary>
    public abstract TreeOutput BoostingOutput { get; }

    /// <summary>How a forest's averaged labels become outputs.</summary>
    public virtual TreeOutput ForestOutput => TreeOutput.Identity;

    /// <summary>Refuses training data a task cannot learn from (one class only).</summary>
    public virtual void CheckTargets(float[] labels, string user) { }

    /// <summary>The number of classes whose weights <c>ClassWeights</c> gives; 0 when the task has no classes.</summary>
    public virtual int ClassCount(DataViewSchema.Column label) => 0;

    private protected static SpecLine UnsupportedLoss(LossFunction loss, string catalog, string user) =>
        throw new ArgumentOutOfRangeException(nameof(loss), loss, $"{user}: {loss} is not a {catalog} loss.");
}
