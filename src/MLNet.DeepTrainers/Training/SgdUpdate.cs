using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// PyTorch's SGD (no dampening, no weight decay): with momentum, buf = momentum·buf + g (the first
/// step's buf is g itself), and the step follows buf, or g + momentum·buf for Nesterov's.
/// </summary>
internal sealed class SgdUpdate : ParameterUpdate
{
    private readonly bool _nesterov;
    private readonly Scalar? _momentum;
    private readonly Tensor?[] _buffers;

    public SgdUpdate(IEnumerable<Parameter> parameters, double learningRate, double momentum, bool nesterov) : base(parameters, learningRate)
    {
        _nesterov = nesterov;
        _momentum = momentum == 0 ? null : Own(momentum.ToScalar());
        _buffers = new Tensor?[Parameters.Count];
    }

    private protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        using var step = (-LearningRate).ToScalar();
        if (_momentum is null)
        {
            parameter.add_(grad, step);
            return;
        }
        if (_buffers[index] is not Tensor buffer)
            _buffers[index] = buffer = Own(grad.clone());
        else
            buffer.mul_(_momentum).add_(grad, Scalars.One);
        parameter.add_(_nesterov ? grad.add(buffer, _momentum) : buffer, step);
    }
}
