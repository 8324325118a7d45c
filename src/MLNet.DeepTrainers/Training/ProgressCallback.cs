namespace MLNet.DeepTrainers;

/// <summary>
/// Hands each epoch's report to an <see cref="IProgress{T}"/> (a progress bar, a console line, a chart);
/// in data-parallel training, on rank 0 only, since every rank's reports are the same.
/// </summary>
/// <param name="progress">Receives the report after each epoch.</param>
public sealed class ProgressCallback(IProgress<EpochReport> progress) : TrainingCallback
{
    private readonly IProgress<EpochReport> _progress = progress ?? throw new ArgumentNullException(nameof(progress));

    /// <summary>Writes each epoch's report as a line on the console, as Keras's verbose fit does.</summary>
    public static ProgressCallback Console() => new(new Progress(report => System.Console.WriteLine(report)));

    /// <inheritdoc />
    public override void OnEpochEnd(TrainingState state, EpochReport report)
    {
        if (state.Rank == 0)
            _progress.Report(report);
    }

    // Progress<T> posts to a synchronization context; this reports on the training thread, in order.
    private sealed class Progress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
