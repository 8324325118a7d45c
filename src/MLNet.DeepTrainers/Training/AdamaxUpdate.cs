using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// PyTorch's Adamax (no weight decay): m = lerp(m, g, 1 - β1), the weighted infinity norm
/// u = max(β2·u, |g| + ε), and the parameter moves by -lr / (1 - β1ᵗ) · m / u.
/// </summary>
internal sealed class AdamaxUpdate : ParameterUpdate
{
    private readonly double _beta1;
    private readonly Scalar _beta2;
    private readonly Scalar _epsilon;
    private readonly Tensor[] _firstMomentWeights;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _norms;
    private readonly long[] _steps;

    public AdamaxUpdate(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon) : base(parameters, learningRate)
    {
        _beta1 = beta1;
        _beta2 = Own(beta2.ToScalar());
        _epsilon = Own(epsilon.ToScalar());
        _firstMomentWeights = LerpWeights(1 - beta1);
        _firstMoments = PerParameter(p => torch.zeros_like(p));
        _norms = PerParameter(p => torch.zeros_like(p));
        _steps = new long[Parameters.Count];
    }

    private protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        long step = ++_steps[index];
        var firstMoment = _firstMoments[index].lerp_(grad, _firstMomentWeights[index]);
        var norm = _norms[index];
        norm.copy_(norm.mul_(_beta2).maximum(grad.abs().add_(_epsilon, Scalars.One)));
        using var stepSize = (-(LearningRate / (1 - Math.Pow(_beta1, step)))).ToScalar();
        parameter.addcdiv_(firstMoment, norm, stepSize);
    }
}
