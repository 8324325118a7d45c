using System.Text.Json.Serialization;

namespace MLNet.DeepTrainers;

/// <summary>
/// How weights are updated from gradients: Keras's optimizers with Keras's names and default values
/// (learning rates, epsilon 1e-7 rather than PyTorch's 1e-8), each run by the library's own update rule
/// with PyTorch 2's torch.optim arithmetic, so an update is PyTorch's with those values.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "optimizer")]
[JsonDerivedType(typeof(Sgd), "Sgd")]
[JsonDerivedType(typeof(RmsProp), "RmsProp")]
[JsonDerivedType(typeof(Adam), "Adam")]
[JsonDerivedType(typeof(AdamW), "AdamW")]
[JsonDerivedType(typeof(Adagrad), "Adagrad")]
[JsonDerivedType(typeof(Adadelta), "Adadelta")]
[JsonDerivedType(typeof(Adamax), "Adamax")]
[JsonDerivedType(typeof(Nadam), "Nadam")]
public abstract record Optimizer
{
    private protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>The step size.</summary>
    public double LearningRate { get; init; }

    /// <summary>Keras's clipnorm: each weight's gradient is rescaled to at most this norm; null for none.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Keras's clipvalue: every gradient element is clamped to ±this; null for none.</summary>
    public double? ClipValue { get; init; }

    /// <summary>This rule's update over <paramref name="parameters"/>, starting from this learning rate.</summary>
    internal abstract ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters);

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

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) => new SgdUpdate(parameters, LearningRate, Momentum, Nesterov);
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

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        new RmsPropUpdate(parameters, LearningRate, Rho, Epsilon, Momentum, Centered);
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

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        new AdamUpdate(parameters, LearningRate, Beta1, Beta2, Epsilon, AmsGrad);
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

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        new AdamUpdate(parameters, LearningRate, Beta1, Beta2, Epsilon, AmsGrad, WeightDecay);
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

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        new AdagradUpdate(parameters, LearningRate, InitialAccumulatorValue, Epsilon);
}

/// <summary>Adadelta: steps scaled by running averages of squared gradients and of squared updates.</summary>
public sealed record Adadelta : Optimizer
{
    /// <summary>Adadelta with Keras's defaults (PyTorch's are learning rate 1, rho 0.9, epsilon 1e-6).</summary>
    public Adadelta(double learningRate = 0.001, double rho = 0.95, double epsilon = 1e-7) : base(learningRate)
    {
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <summary>The decay of the running averages.</summary>
    public double Rho { get; init; }

    /// <summary>Added inside the square roots for stability.</summary>
    public double Epsilon { get; init; }

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        new AdadeltaUpdate(parameters, LearningRate, Rho, Epsilon);
}

/// <summary>Adamax: Adam with the infinity norm in place of the second moment.</summary>
public sealed record Adamax : Optimizer
{
    /// <summary>Adamax with Keras's defaults (PyTorch's learning rate is 0.002).</summary>
    public Adamax(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) : base(learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>The decay of the first-moment estimate.</summary>
    public double Beta1 { get; init; }

    /// <summary>The decay of the weighted infinity norm.</summary>
    public double Beta2 { get; init; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; init; }

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        new AdamaxUpdate(parameters, LearningRate, Beta1, Beta2, Epsilon);
}

/// <summary>Nadam: Adam with Nesterov momentum (PyTorch's NAdam, momentum decay 0.004 as in Keras's schedule).</summary>
public sealed record Nadam : Optimizer
{
    /// <summary>Nadam with Keras's defaults (PyTorch's learning rate is 0.002).</summary>
    public Nadam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) : base(learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>The decay of the first-moment estimate.</summary>
    public double Beta1 { get; init; }

    /// <summary>The decay of the second-moment estimate.</summary>
    public double Beta2 { get; init; }

    /// <summary>Added to the denominator for stability.</summary>
    public double Epsilon { get; init; }

    internal override ParameterUpdate Create(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        new NadamUpdate(parameters, LearningRate, Beta1, Beta2, Epsilon);
}
