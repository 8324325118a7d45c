namespace MLNet.DeepTrainers;

/// <summary>
/// Keras's LearningRateScheduler: before each epoch, the rate becomes <c>schedule(epoch, rate)</c>
/// (epochs from 1; the rate the epoch before, the optimizer's at first).
/// </summary>
public class LearningRateScheduler : TrainingCallback
{
    private readonly Func<int, double, double>? _schedule;
    private double _initialRate;

    /// <summary>A schedule from a function of the epoch (from 1) and the current rate.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule) => _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <summary>For the decays below, whose rate follows from the epoch and the starting rate.</summary>
    private protected LearningRateScheduler() { }

    /// <summary>The rate of <paramref name="epoch"/> for a run that started at <paramref name="initialRate"/>, now at <paramref name="current"/>.</summary>
    private protected virtual double Rate(int epoch, double initialRate, double current) => _schedule!(epoch, current);

    /// <inheritdoc />
    public override void OnTrainBegin(TrainingState state) => _initialRate = state.LearningRate;

    /// <inheritdoc />
    public override void OnEpochBegin(TrainingState state) => state.LearningRate = Rate(state.Epoch, _initialRate, state.LearningRate);
}

/// <summary>Multiplies the rate by <see cref="Factor"/> every <see cref="StepSize"/> epochs.</summary>
public sealed class StepDecay : LearningRateScheduler
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
    public int StepSize { get; }

    /// <summary>The multiplier at each drop.</summary>
    public double Factor { get; }

    private protected override double Rate(int epoch, double initialRate, double current) => initialRate * Math.Pow(Factor, (epoch - 1) / StepSize);
}

/// <summary>Multiplies the rate by <see cref="DecayRate"/> every epoch.</summary>
public sealed class ExponentialDecay : LearningRateScheduler
{
    /// <summary>Exponential decay per epoch: rate₀ · decayRate^(epoch - 1).</summary>
    public ExponentialDecay(double decayRate)
    {
        if (!(decayRate > 0))
            throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "ExponentialDecay needs a positive decay rate.");
        DecayRate = decayRate;
    }

    /// <summary>The multiplier per epoch.</summary>
    public double DecayRate { get; }

    private protected override double Rate(int epoch, double initialRate, double current) => initialRate * Math.Pow(DecayRate, epoch - 1);
}

/// <summary>Keras's ReduceLROnPlateau: multiplies the rate by <see cref="Factor"/> when <see cref="Monitor"/> stops improving.</summary>
public sealed class ReduceLearningRateOnPlateau : TrainingCallback
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
    public string Monitor { get; }

    /// <summary>The multiplier at each reduction.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs to wait after a reduction before watching again.</summary>
    public int Cooldown { get; }

    /// <summary>The rate never goes below this.</summary>
    public double MinimumRate { get; }

    private MonitorTracker? _tracker;
    private int _wait;
    private int _cooldown;

    /// <inheritdoc />
    public override void OnTrainBegin(TrainingState state)
    {
        state.RequireMonitor(Monitor, nameof(ReduceLearningRateOnPlateau));
        _tracker = new MonitorTracker(Monitor, MinDelta);
        _wait = 0;
        _cooldown = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(TrainingState state, EpochReport report)
    {
        if (_cooldown > 0)
        {
            _cooldown--;
            _wait = 0;
        }
        if (_tracker!.Improved(report))
        {
            _wait = 0;
            return;
        }
        if (_cooldown == 0 && ++_wait > Patience)
        {
            state.LearningRate = Math.Max(state.LearningRate * Factor, MinimumRate);
            _cooldown = Cooldown;
            _wait = 0;
        }
    }
}
