namespace MLNet.DeepTrainers;

/// <summary>Prints one line per finished candidate: "[3/8] units=64, lr=0.01: MeanAbsoluteError 2.41 ± 0.12 (5.2 s)".</summary>
public sealed class ConsoleSearchProgress(TextWriter? writer = null) : IProgress<SearchCandidate>
{
    /// <inheritdoc />
    public void Report(SearchCandidate value) => (writer ?? Console.Out).WriteLine($"[{value.Index}/{value.Of}] {value}");
}
