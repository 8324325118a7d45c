using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// PyTorch's Adadelta (no weight decay): v = ρ·v + (1 - ρ)·g², the update d = √(u + ε) / √(v + ε) · g,
/// u = ρ·u + (1 - ρ)·d², and the parameter moves by -lr·d.
/// </summary>
internal sealed class AdadeltaUpdate : ParameterUpdate
{
    private readonly Scalar _rho;
    private readonly Scalar _oneMinusRho;
    private readonly Scalar _epsilon;
    private readonly Tensor[] _squareAverages;
    private readonly Tensor[] _updateAverages;

    public AdadeltaUpdate(IEnumerable<Parameter> parameters, double learningRate, double rho, double epsilon) : base(parameters, learningRate)
    {
        _rho = Own(rho.ToScalar());
        _oneMinusRho = Own((1 - rho).ToScalar());
        _epsilon = Own(epsilon.ToScalar());
        _squareAverages = PerParameter(p => torch.zeros_like(p));
        _updateAverages = PerParameter(p => torch.zeros_like(p));
    }

    private protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        var squareAverage = _squareAverages[index].mul_(_rho).addcmul_(grad, grad, _oneMinusRho);
        var deviation = squareAverage.add(_epsilon, Scalars.One).sqrt_();
        var delta = _updateAverages[index].add(_epsilon, Scalars.One).sqrt_().div_(deviation).mul_(grad);
        _updateAverages[index].mul_(_rho).addcmul_(delta, delta, _oneMinusRho);
        using var step = (-LearningRate).ToScalar();
        parameter.add_(delta, step);
    }
}
