using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// PyTorch's RMSprop (no weight decay): v = α·v + (1 - α)·g²; centred, also the gradients' running mean
/// m = lerp(m, g, 1 - α) and v - m² in place of v; the step is g / (√v + ε), through a momentum buffer
/// buf = momentum·buf + g / (√v + ε) when momentum is set.
/// </summary>
internal sealed class RmsPropUpdate : ParameterUpdate
{
    private readonly Scalar _alpha;
    private readonly Scalar _oneMinusAlpha;
    private readonly Scalar _epsilon;
    private readonly Tensor[] _squareAverages;
    private readonly (Tensor[] Averages, Tensor[] Weights)? _centred;
    private readonly (Scalar Factor, Tensor[] Buffers)? _momentum;

    public RmsPropUpdate(IEnumerable<Parameter> parameters, double learningRate, double alpha, double epsilon, double momentum, bool centered) : base(parameters, learningRate)
    {
        _alpha = Own(alpha.ToScalar());
        _oneMinusAlpha = Own((1 - alpha).ToScalar());
        _epsilon = Own(epsilon.ToScalar());
        _squareAverages = PerParameter(p => torch.zeros_like(p));
        if (centered)
            _centred = (PerParameter(p => torch.zeros_like(p)), LerpWeights(1 - alpha));
        if (momentum > 0)
            _momentum = (Own(momentum.ToScalar()), PerParameter(p => torch.zeros_like(p)));
    }

    private protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        var squareAverage = _squareAverages[index].mul_(_alpha).addcmul_(grad, grad, _oneMinusAlpha);
        Tensor average;
        if (_centred is (var averages, var weights))
        {
            var gradientAverage = averages[index].lerp_(grad, weights[index]);
            average = squareAverage.addcmul(gradientAverage, gradientAverage, Scalars.MinusOne).sqrt_();
        }
        else
        {
            average = squareAverage.sqrt();
        }
        average.add_(_epsilon, Scalars.One);
        using var step = (-LearningRate).ToScalar();
        if (_momentum is (var factor, var buffers))
            parameter.add_(buffers[index].mul_(factor).addcdiv_(grad, average, Scalars.One), step);
        else
            parameter.addcdiv_(grad, average, step);
    }
}
