using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// PyTorch 2's NAdam (momentum decay 0.004, no weight decay): the momentum schedule
/// μₜ = β1·(1 - ½·0.96^(0.004·t)) and its running product, m = lerp(m, g, 1 - β1), v = β2·v + (1 - β2)·g²,
/// and the parameter moves by -lr·(1 - μₜ)/(1 - Πμ) · g / d and -lr·μₜ₊₁/(1 - Πμ·μₜ₊₁) · m / d, with
/// d = √(v / (1 - β2ᵗ)) + ε.
/// </summary>
internal sealed class NadamUpdate : ParameterUpdate
{
    private const double MomentumDecay = 0.004;

    private readonly double _beta1;
    private readonly double _beta2;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Tensor[] _firstMomentWeights;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly long[] _steps;
    // PyTorch keeps the product in a float32 tensor (its default dtype), so each step's product is rounded to float.
    private readonly float[] _muProducts;

    public NadamUpdate(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon) : base(parameters, learningRate)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _beta2Scalar = Own(beta2.ToScalar());
        _oneMinusBeta2 = Own((1 - beta2).ToScalar());
        _epsilon = Own(epsilon.ToScalar());
        _firstMomentWeights = LerpWeights(1 - beta1);
        _firstMoments = PerParameter(p => torch.zeros_like(p));
        _secondMoments = PerParameter(p => torch.zeros_like(p));
        _steps = new long[Parameters.Count];
        _muProducts = [.. Enumerable.Repeat(1f, Parameters.Count)];
    }

    private protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        long step = ++_steps[index];
        double mu = _beta1 * (1 - 0.5 * Math.Pow(0.96, step * MomentumDecay));
        double muNext = _beta1 * (1 - 0.5 * Math.Pow(0.96, (step + 1) * MomentumDecay));
        double muProduct = _muProducts[index] *= (float)mu;
        double muProductNext = muProduct * muNext;
        var firstMoment = _firstMoments[index].lerp_(grad, _firstMomentWeights[index]);
        var secondMoment = _secondMoments[index].mul_(_beta2Scalar).addcmul_(grad, grad, _oneMinusBeta2);
        using var biasCorrection2 = (1 - Math.Pow(_beta2, step)).ToScalar();
        var denominator = secondMoment.div(biasCorrection2).sqrt_().add_(_epsilon, Scalars.One);
        using var gradientStep = (-LearningRate * (1 - mu) / (1 - muProduct)).ToScalar();
        using var momentStep = (-LearningRate * muNext / (1 - muProductNext)).ToScalar();
        parameter.addcdiv_(grad, denominator, gradientStep);
        parameter.addcdiv_(firstMoment, denominator, momentStep);
    }
}
