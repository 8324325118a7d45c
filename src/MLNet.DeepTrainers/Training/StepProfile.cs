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
    /// <summary>The phases of a step, in order.</summary>
    public enum Phase
    {
        /// <summary>Gathering the batch's rows and zeroing the gradients.</summary>
        Batch,
        Forward,
        Loss,
        Backward,
        /// <summary>Clipping, the update rule and the constraints.</summary>
        Update,
        /// <summary>Adding the batch's loss and metric to the epoch's.</summary>
        Sums,
    }

    private readonly long[] _ticks = new long[Enum.GetValues<Phase>().Length];
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

    /// <summary><paramref name="phase"/> ends, and the next begins.</summary>
    public void End(Phase phase)
    {
        long now = Stopwatch.GetTimestamp();
        _ticks[(int)phase] += now - _last;
        _last = now;
    }

    public override string ToString()
    {
        double PerStep(long ticks) => ticks * 1e6 / Stopwatch.Frequency / Math.Max(_steps, 1);
        return string.Create(CultureInfo.InvariantCulture, $"step profile over {_steps} steps, µs per step: ") +
            string.Join(", ", Enum.GetValues<Phase>().Select(phase => string.Create(CultureInfo.InvariantCulture, $"{phase.ToString().ToLowerInvariant()} {PerStep(_ticks[(int)phase]):F1}"))) +
            string.Create(CultureInfo.InvariantCulture, $", total {PerStep(_ticks.Sum()):F1}");
    }
}
