namespace MLNet.DeepTrainers;

/// <summary>
/// What a learning task (regression, binary or multiclass classification) decides for every deep
/// trainer: which labels it takes and how they become targets, the output width, the loss, the
/// reported metric and the columns a fitted model adds. Trainers and transformers ask it instead of
/// branching on the task.
/// </summary>
internal abstract class LearningTask
{
    /// <summary>The catalog name, for messages: "Regression", "BinaryClassification", "MulticlassClassification".</summary>
    public abstract string Catalog { get; }

    /// <summary>The metric each epoch reports: "mae" or "accuracy".</summary>
    public abstract string MetricName { get; }

    /// <summary>The activation a user's last layer may carry and the task takes over (sigmoid, softmax): the loss takes raw outputs.</summary>
    public virtual ActivationKind? FoldedActivation => null;

    /// <summary>Whether the label is a quantity in units of its own (regression), which <see cref="DeepTrainerOptions.NormalizeLabel"/> standardises.</summary>
    public virtual bool LabelHasUnits => false;

    /// <summary>What the label column must be, in words, for messages.</summary>
    public abstract string LabelNeed { get; }

    /// <summary>Whether <paramref name="type"/> can be this task's label.</summary>
    public abstract bool AcceptsLabel(DataViewType type);

    /// <summary>The same test over an estimator's schema shape.</summary>
    public abstract bool AcceptsLabel(SchemaShape.Column column);

    /// <summary>The number of network outputs for <paramref name="label"/>: 1, or the number of classes.</summary>
    public virtual int OutputWidth(DataViewSchema.Column label) => 1;

    /// <summary>The number of classes <c>ClassWeights</c> weighs; 0 when the task has none.</summary>
    public virtual int ClassCount(DataViewSchema.Column label) => 0;

    /// <summary>The type the targets are held in on the device: what the loss and metric take without a conversion each step.</summary>
    public virtual torch.ScalarType TargetType => torch.ScalarType.Float32;

    /// <summary>The targets each row's label gives: 1, or one per label of a multi-label set.</summary>
    public virtual int TargetWidth(DataViewSchema.Column label) => 1;

    /// <summary>
    /// A reader of a row's label as <see cref="TargetWidth"/> float targets (a class index for multiclass,
    /// 0 or 1 for each Boolean), written into the span it is given, naming the row of a value it cannot use.
    /// </summary>
    public abstract Action<long, Span<float>> LabelReader(DataViewRow cursor, DataViewSchema.Column label, string user);

    /// <summary>The loss of each example (shape [N]) from raw outputs [N, width] and targets [N] of <see cref="TargetType"/>.</summary>
    public abstract Tensor Loss(LossFunction? loss, Tensor outputs, Tensor targets);

    /// <summary>The mean of <see cref="Loss"/> over the batch; tasks override it with libtorch's fused mean where it has one (fewer operations a step).</summary>
    public virtual Tensor MeanLoss(LossFunction? loss, Tensor outputs, Tensor targets) => Loss(loss, outputs, targets).mean();

    /// <summary>A batch's loss as training takes it: the mean of the examples' losses, each times its weight when there are weights (Keras's sum over the batch size).</summary>
    public Tensor BatchLoss(LossFunction? loss, Tensor outputs, Tensor targets, Tensor? weights)
    {
        if (weights is null)
            return MeanLoss(loss, outputs, targets);
        var perExample = Loss(loss, outputs, targets);
        using var rows = perExample.shape[0].ToScalar();
        return (perExample * weights).sum().div(rows);
    }

    /// <summary>
    /// Whether <see cref="OutputGradient"/> gives <paramref name="loss"/>'s gradient, so that a network of Dense
    /// layers trains without libtorch's autograd (<see cref="DenseStackGradients"/>).
    /// </summary>
    public virtual bool HasOutputGradient(LossFunction? loss) => false;

    /// <summary>
    /// The gradient, times <paramref name="factor"/>, of <see cref="BatchLoss"/> with respect to the raw outputs [N, width],
    /// written out for the losses <see cref="HasOutputGradient"/> names (tested against autograd's).
    /// </summary>
    public virtual Tensor OutputGradient(LossFunction? loss, Tensor outputs, Tensor targets, Tensor? weights, double factor) =>
        throw new NotSupportedException($"{Catalog} derives no gradient for {loss}; this is a bug in MLNet.DeepTrainers.");

    /// <summary>
    /// <paramref name="gradient"/> [N, width] times <paramref name="factor"/> and, where given, each row's weight: the
    /// weighted mean's gradient from the examples' own (the division by N is in <paramref name="factor"/>).
    /// </summary>
    private protected static Tensor Weighted(Tensor gradient, Tensor? weights, double factor)
    {
        using var scale = factor.ToScalar();
        gradient.mul_(scale);
        return weights is null ? gradient : gradient.mul_(weights.unsqueeze(1));
    }

    /// <summary>
    /// The size of one unit of <paramref name="loss"/> for a label of standard deviation <paramref name="labelDeviation"/>:
    /// what the loss in the label's units is divided by to be the standardised label's. Only regression has such a label.
    /// </summary>
    public virtual double LossUnit(LossFunction? loss, double labelDeviation) => 1;

    /// <summary>Checks <paramref name="loss"/> fits the task, before any work.</summary>
    public abstract void CheckLoss(LossFunction? loss, string user);

    /// <summary>The one output column of a network with one output (regression, binary), as a vector of rows; select is one native call where an index expression is several.</summary>
    protected static Tensor Score(Tensor outputs) => outputs.select(1, 0);

    /// <summary>The sum over a batch of the per-row metric (absolute error, or 1 for a right prediction).</summary>
    public abstract Tensor MetricSum(Tensor outputs, Tensor targets);

    /// <summary>Refuses training labels a task cannot learn from (one class only).</summary>
    public virtual void CheckTargets(ReadOnlySpan<float> targets, string user) { }

    /// <summary>
    /// The output layer's starting bias: the best constant prediction for the (weighted) training targets,
    /// so that training starts from it rather than from zero (the initial bias of TensorFlow's tutorial on
    /// imbalanced classes, here for every task).
    /// </summary>
    public abstract float[] StartingBias(TrainingData data, int outputs);

    /// <summary>The log-odds of a positive share of <paramref name="positive"/> in <paramref name="total"/>, the share kept within [1e-4, 1 - 1e-4].</summary>
    private protected static float LogOdds(double positive, double total)
    {
        double share = Math.Clamp(total > 0 ? positive / total : 0.5, 1e-4, 1 - 1e-4);
        return (float)Math.Log(share / (1 - share));
    }

    /// <summary>The weight of each row of <paramref name="data"/>: its example weight, or 1.</summary>
    private protected static double WeightOf(TrainingData data, int row) => data.Weights?[row] ?? 1;

    /// <summary>The columns a fitted model adds, and how their values come from the raw outputs.</summary>
    public abstract PredictionColumns Columns(DataViewSchema.Column label);

    /// <summary>The estimator's output schema shape: <paramref name="input"/> and the columns a fitted model adds.</summary>
    public abstract SchemaShape OutputShape(SchemaShape input);

    private protected static ArgumentException UnsupportedLoss(LossFunction loss, string catalog, string user, string supported) =>
        new($"{user}: {loss} is not a {catalog} loss; use {supported}.", nameof(loss));
}
