using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// PyTorch's Adagrad (no learning-rate decay, no weight decay): the sum s, starting at the initial
/// accumulator value, gains g², and the parameter moves by -lr · g / (√s + ε).
/// </summary>
internal sealed class AdagradUpdate : ParameterUpdate
{
    private readonly Scalar _epsilon;
    private readonly Tensor[] _sums;

    public AdagradUpdate(IEnumerable<Parameter> parameters, double learningRate, double initialAccumulatorValue, double epsilon) : base(parameters, learningRate)
    {
        _epsilon = Own(epsilon.ToScalar());
        using var initial = initialAccumulatorValue.ToScalar();
        _sums = PerParameter(p => torch.full_like(p, initial));
    }

    private protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        var sum = _sums[index].addcmul_(grad, grad, Scalars.One);
        var deviation = sum.sqrt().add_(_epsilon, Scalars.One);
        using var step = (-LearningRate).ToScalar();
        parameter.addcdiv_(grad, deviation, step);
    }
}
