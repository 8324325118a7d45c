using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// PyTorch's Adam, and AdamW when a decoupled weight decay is given (the parameter first scaled by
/// 1 - lr·decay): m = lerp(m, g, 1 - β1), v = β2·v + (1 - β2)·g², then the parameter moves by
/// -lr / (1 - β1ᵗ) · m / (√v̂ / √(1 - β2ᵗ) + ε), v̂ being v, or with AMSGrad the largest v so far.
/// </summary>
internal sealed class AdamUpdate : ParameterUpdate
{
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _weightDecay;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Tensor[] _firstMomentWeights;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly Tensor[]? _maxSecondMoments;
    private readonly long[] _steps;

    public AdamUpdate(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon, bool amsGrad, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _weightDecay = weightDecay;
        _beta2Scalar = Own(beta2.ToScalar());
        _oneMinusBeta2 = Own((1 - beta2).ToScalar());
        _epsilon = Own(epsilon.ToScalar());
        _firstMomentWeights = LerpWeights(1 - beta1);
        _firstMoments = PerParameter(p => torch.zeros_like(p));
        _secondMoments = PerParameter(p => torch.zeros_like(p));
        _maxSecondMoments = amsGrad ? PerParameter(p => torch.zeros_like(p)) : null;
        _steps = new long[Parameters.Count];
    }

    private protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        long step = ++_steps[index];
        if (_weightDecay != 0)
        {
            using var decay = (1 - LearningRate * _weightDecay).ToScalar();
            parameter.mul_(decay);
        }
        var firstMoment = _firstMoments[index].lerp_(grad, _firstMomentWeights[index]);
        var secondMoment = _secondMoments[index].mul_(_beta2Scalar).addcmul_(grad, grad, _oneMinusBeta2);
        double biasCorrection1 = 1 - Math.Pow(_beta1, step);
        double biasCorrection2 = 1 - Math.Pow(_beta2, step);
        if (_maxSecondMoments is not null)
            secondMoment = _maxSecondMoments[index].copy_(_maxSecondMoments[index].maximum(secondMoment));
        using var correction2Root = Math.Sqrt(biasCorrection2).ToScalar();
        using var stepSize = (-(LearningRate / biasCorrection1)).ToScalar();
        var denominator = secondMoment.sqrt().div_(correction2Root).add_(_epsilon, Scalars.One);
        parameter.addcdiv_(firstMoment, denominator, stepSize);
    }
}
