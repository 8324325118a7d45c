namespace MLNet.DeepTrainers.Trainers;

/// <summary>
/// Regression: a finite Single label, or a Single vector of known size (one linear output per slot,
/// as a Keras network with several linear units), MSE by default, MAE as the metric.
/// </summary>
internal sealed class RegressionTask : LearningTask
{
    public override string Catalog => "Regression";
    public override string MetricName => "mae";
    public override ActivationKind PredictionActivation => ActivationKind.Linear;

    public override SchemaShape.Column[] Outputs(SchemaShape input, string label, string user)
    {
        var column = input.Require(label, user, c => c.IsSingleOfKnownSize, "a Single label, or a Single vector of known size (use Conversion.ConvertType for other numbers)");
        return [new SchemaShape.Column("Score", column.Kind, NumberDataViewType.Single, false)];
    }

    public override TrainingData.LabelReader Labels(DataViewSchema.Column label, string user) => TrainingData.LabelReader.Single(label);

    public override int OutputWidth(DataViewSchema.Column label) => label.Type is VectorDataViewType vector ? vector.Size : 1;

    public override SpecLine LossSpec(LossFunction? loss, string user) => (loss ?? LossFunction.MeanSquaredError) switch
    {
        LossFunction.MeanSquaredError => new SpecLine("mse"),
        LossFunction.MeanAbsoluteError => new SpecLine("mae"),
        LossFunction.Huber => new SpecLine("huber").Real("delta", 1),
        var other => UnsupportedLoss(other, Catalog, user),
    };

    public override double MetricSum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width)
    {
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
            sum += Math.Abs(outputs[i] - targets[i]);
        return sum / width;
    }

    public override TreeObjective BoostingObjective(int outputs) => new TreeObjective.SquaredError();

    public override TreeOutput BoostingOutput => TreeOutput.Identity;
}
