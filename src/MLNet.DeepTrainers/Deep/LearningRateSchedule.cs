using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers.Deep;

/// <summary>How the learning rate changes from epoch to epoch, starting from the optimizer's.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "schedule")]
[JsonDerivedType(typeof(StepDecay), "StepDecay")]
[JsonDerivedType(typeof(ExponentialDecay), "ExponentialDecay")]
[JsonDerivedType(typeof(ReduceLearningRateOnPlateau), "ReduceLearningRateOnPlateau")]
public abstract record LearningRateSchedule
{
    private protected LearningRateSchedule() { }

    /// <summary>A fresh controller for one training run from <paramref name="initialRate"/>.</summary>
    internal abstract Controller Start(double initialRate);

    /// <summary>The state of a schedule during one run.</summary>
    internal abstract class Controller
    {
        /// <summary>The rate for epoch <paramref name="epoch"/> (from 1), given the rate of the epoch before.</summary>
        public abstract double RateFor(int epoch, double current);

        /// <summary>Learns from the finished epoch (for schedules that watch a metric).</summary>
        public virtual void Observe(EpochReport report) { }
    }

    /// <summary>A controller whose rate depends on the epoch alone.</summary>
    private protected static Controller PerEpoch(Func<int, double> rate) => new EpochRate(rate);

    private sealed class EpochRate(Func<int, double> rate) : Controller
    {
        public override double RateFor(int epoch, double current) => rate(epoch);
    }
}

/// <summary>Multiplies the rate by <see cref="Factor"/> every <see cref="StepSize"/> epochs.</summary>
public sealed record StepDecay : LearningRateSchedule
{
    /// <summary>Step decay: rate₀ · factor^floor((epoch - 1) / stepSize).</summary>
    public StepDecay(int stepSize, double factor = 0.5)
    {
        if (stepSize <= 0 || !(factor > 0))
            throw new ArgumentOutOfRangeException(nameof(stepSize), $"StepDecay needs a positive step size and factor (got {stepSize}, {factor}).");
        StepSize = stepSize;
        Factor = factor;
    }

    /// <summary>Epochs between drops.</summary>
    public int StepSize { get; init; }

    /// <summary>The multiplier at each drop.</summary>
    public double Factor { get; init; }

    internal override Controller Start(double initialRate) => PerEpoch(epoch => initialRate * Math.Pow(Factor, (epoch - 1) / StepSize));
}

/// <summary>Multiplies the rate by <see cref="DecayRate"/> every epoch.</summary>
public sealed record ExponentialDecay : LearningRateSchedule
{
    /// <summary>Exponential decay per epoch: rate₀ · decayRate^(epoch - 1).</summary>
    public ExponentialDecay(double decayRate)
    {
        if (!(decayRate > 0))
            throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "ExponentialDecay needs a positive decay rate.");
        DecayRate = decayRate;
    }

    /// <summary>The multiplier per epoch.</summary>
    public double DecayRate { get; init; }

    internal override Controller Start(double initialRate) => PerEpoch(epoch => initialRate * Math.Pow(DecayRate, epoch - 1));
}

/// <summary>Keras's ReduceLROnPlateau: multiplies the rate by <see cref="Factor"/> when <see cref="Monitor"/> stops improving.</summary>
public sealed record ReduceLearningRateOnPlateau : LearningRateSchedule
{
    /// <summary>Reduce-on-plateau with Keras's defaults.</summary>
    public ReduceLearningRateOnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, double minDelta = 1e-4, int cooldown = 0, double minimumRate = 0)
    {
        if (!(factor > 0 && factor < 1) || patience < 0 || cooldown < 0)
            throw new ArgumentOutOfRangeException(nameof(factor), $"ReduceLearningRateOnPlateau needs 0 < factor < 1 and non-negative patience and cooldown (got {factor}, {patience}, {cooldown}).");
        Monitor = monitor;
        Factor = factor;
        Patience = patience;
        MinDelta = minDelta;
        Cooldown = cooldown;
        MinimumRate = minimumRate;
    }

    /// <summary>The quantity watched (see <see cref="EarlyStopping.Monitor"/>).</summary>
    public string Monitor { get; init; }

    /// <summary>The multiplier at each reduction.</summary>
    public double Factor { get; init; }

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; init; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>Epochs to wait after a reduction before watching again.</summary>
    public int Cooldown { get; init; }

    /// <summary>The rate never goes below this.</summary>
    public double MinimumRate { get; init; }

    internal override Controller Start(double initialRate) => new Plateau(this);

    private sealed class Plateau(ReduceLearningRateOnPlateau settings) : Controller
    {
        private readonly MonitorTracker _tracker = new(settings.Monitor, settings.MinDelta);
        private int _wait;
        private int _cooldown;
        private bool _reduce;

        public override double RateFor(int epoch, double current)
        {
            if (!_reduce)
                return current;
            _reduce = false;
            return Math.Max(current * settings.Factor, settings.MinimumRate);
        }

        public override void Observe(EpochReport report)
        {
            if (_cooldown > 0)
            {
                _cooldown--;
                _wait = 0;
            }
            if (_tracker.Improved(report))
            {
                _wait = 0;
                return;
            }
            if (_cooldown == 0 && ++_wait > settings.Patience)
            {
                _reduce = true;
                _cooldown = settings.Cooldown;
                _wait = 0;
            }
        }
    }
}
