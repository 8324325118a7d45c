using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers.Deep;

/// <summary>How weights are updated from gradients. Defaults are Keras's (epsilon 1e-7, not PyTorch's 1e-8).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "optimizer")]
[JsonDerivedType(typeof(Sgd), "Sgd")]
[JsonDerivedType(typeof(RmsProp), "RmsProp")]
[JsonDerivedType(typeof(Adam), "Adam")]
[JsonDerivedType(typeof(AdamW), "AdamW")]
[JsonDerivedType(typeof(Adagrad), "Adagrad")]
public abstract record Optimizer
{
    private protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>The step size.</summary>
    public double LearningRate { get; init; }

    /// <summary>Keras's clipnorm: each weight's gradient is rescaled to at most this norm; null for none.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Keras's clipvalue: every gradient element is clamped to ±this; null for none.</summary>
    public double? ClipValue { get; init; }

    /// <summary>The native spec line with the clipping options (0 for none).</summary>
    internal SpecLine FullSpec => Spec.Real("clipnorm", ClipNorm ?? 0).Real("clipvalue", ClipValue ?? 0);

    /// <summary>The native spec line of the update rule.</summary>
    private protected abstract SpecLine Spec { get; }

    internal void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{GetType().Name}: the learning rate must be a positive number.");
        if (ClipNorm is double n && !(n > 0) || ClipValue is double v && !(v > 0))
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), $"{GetType().Name}: ClipNorm and ClipValue must be positive when set.");
    }
}

/// <summary>Stochastic gradient descent, with optional (Nesterov) momentum.</summary>
public sealed record Sgd : Optimizer
{
    /// <summary>SGD with Keras's defaults.</summary>
    public Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false) : base(learningRate)
    {
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>The momentum factor.</summary>
    public double Momentum { get; init; }

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; init; }

    private protected override SpecLine Spec => new SpecLine("sgd").Real("lr", LearningRate).Real("momentum", Momentum).Flag("nesterov", Nesterov);
}

/// <summary>RMSprop: divides the gradient by a running root mean square of recent gradients.</summary>
public sealed record RmsProp : Optimizer
{
    /// <summary>RMSprop with Keras's defaults.</summary>
    public RmsProp(double learningRate = 0.001, double rho = 0.9, double momentum = 0, double epsilon = 1e-7, bool centered = false) : base(learningRate)
    {
        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
        Centered = centered;
    }

    /// <summary>The decay of the running mean of squared gradients (PyTorch's alpha).</summary>
    public double Rho { get; init; }

    /// <summary>The momentum factor.</summary>
    public double Momentum { get; init; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; init; }

    /// <summary>Whether gradients are centred by their running mean.</summary>
    public bool Centered { get; init; }

    private protected override SpecLine Spec =>
        new SpecLine("rmsprop").Real("lr", LearningRate).Real("rho", Rho).Real("momentum", Momentum).Real("eps", Epsilon).Flag("centered", Centered);
}

/// <summary>Adam, optionally with AMSGrad.</summary>
public sealed record Adam : Optimizer
{
    /// <summary>Adam with Keras's defaults.</summary>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsGrad = false) : base(learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        AmsGrad = amsGrad;
    }

    /// <summary>The decay of the first-moment estimate.</summary>
    public double Beta1 { get; init; }

    /// <summary>The decay of the second-moment estimate.</summary>
    public double Beta2 { get; init; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; init; }

    /// <summary>Whether to use the AMSGrad variant.</summary>
    public bool AmsGrad { get; init; }

    private protected override SpecLine Spec =>
        new SpecLine("adam").Real("lr", LearningRate).Real("beta1", Beta1).Real("beta2", Beta2).Real("eps", Epsilon).Flag("amsgrad", AmsGrad);
}

/// <summary>Adam with decoupled weight decay (Keras's default decay 0.004).</summary>
public sealed record AdamW : Optimizer
{
    /// <summary>AdamW with Keras's defaults.</summary>
    public AdamW(double learningRate = 0.001, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsGrad = false) : base(learningRate)
    {
        WeightDecay = weightDecay;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        AmsGrad = amsGrad;
    }

    /// <summary>The decoupled weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The decay of the first-moment estimate.</summary>
    public double Beta1 { get; init; }

    /// <summary>The decay of the second-moment estimate.</summary>
    public double Beta2 { get; init; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; init; }

    /// <summary>Whether to use the AMSGrad variant.</summary>
    public bool AmsGrad { get; init; }

    private protected override SpecLine Spec => new SpecLine("adamw").Real("lr", LearningRate).Real("weight_decay", WeightDecay)
        .Real("beta1", Beta1).Real("beta2", Beta2).Real("eps", Epsilon).Flag("amsgrad", AmsGrad);
}

/// <summary>Adagrad: per-weight learning rates from the sum of past squared gradients.</summary>
public sealed record Adagrad : Optimizer
{
    /// <summary>Adagrad with Keras's defaults.</summary>
    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7) : base(learningRate)
    {
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <summary>The accumulator's starting value.</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; init; }

    private protected override SpecLine Spec =>
        new SpecLine("adagrad").Real("lr", LearningRate).Real("initial_accumulator", InitialAccumulatorValue).Real("eps", Epsilon);
}
