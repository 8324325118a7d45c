namespace MLNet.DeepTrainers.Trainers;

/// <summary>What one training epoch did: its losses, learning rate and time.</summary>
public sealed record EpochReport(int Epoch, double TrainLoss, double? ValidationLoss, double LearningRate, double Seconds)
{
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"epoch {Epoch}: loss {TrainLoss:G5}{(ValidationLoss is double v ? $", validation loss {v:G5}" : "")}, lr {LearningRate:G3}, {Seconds:F2} s");
}
