using System.Diagnostics;
using System.Globalization;

namespace MLNet.DeepTrainers;

/// <summary>
/// Where a training step's time goes, phase by phase, when the environment variable
/// <c>MLNET_DEEPTRAINERS_PROFILE</c> is 1: the loop marks the end of each phase, and the fit writes the
/// mean microseconds per step to ML.NET's log at the end. libtorch runs CPU operations synchronously, so
/// a phase's time is its operations' (on a GPU it would be the time to queue them).
/// </summary>
internal sealed class StepProfile
{
    // batch: gathering the batch's rows and zeroing the gradients; update: clipping, the update rule and
    // constraints; sums: adding the batch's loss and metric to the epoch's.
    private static readonly string[] Phases = ["batch", "forward", "loss", "backward", "update", "sums"];

    private readonly long[] _ticks = new long[Phases.Length];
    private long _steps;
    private long _last;

    /// <summary>A profile when the environment asks for one, else null (and the loop marks nothing).</summary>
    public static StepProfile? FromEnvironment() => Environment.GetEnvironmentVariable("MLNET_DEEPTRAINERS_PROFILE") == "1" ? new StepProfile() : null;

    /// <summary>A step begins.</summary>
    public void Begin()
    {
        _steps++;
        _last = Stopwatch.GetTimestamp();
    }

    /// <summary>The phase numbered <paramref name="phase"/> (in <see cref="Phases"/>'s order) ends.</summary>
    public void End(int phase)
    {
        long now = Stopwatch.GetTimestamp();
        _ticks[phase] += now - _last;
        _last = now;
    }

    public override string ToString()
    {
        double PerStep(long ticks) => ticks * 1e6 / Stopwatch.Frequency / Math.Max(_steps, 1);
        return string.Create(CultureInfo.InvariantCulture, $"step profile over {_steps} steps, µs per step: ") +
            string.Join(", ", Phases.Select((name, i) => string.Create(CultureInfo.InvariantCulture, $"{name} {PerStep(_ticks[i]):F1}"))) +
            string.Create(CultureInfo.InvariantCulture, $", total {PerStep(_ticks.Sum()):F1}");
    }
}
