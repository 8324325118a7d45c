using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// An optimizer's update rule over a network's parameters: PyTorch 2's torch.optim arithmetic (its
/// single-tensor form, operation for operation), written here rather than taken from TorchSharp's
/// torch.optim, whose steps pass every hyperparameter to libtorch as a temporary <see cref="Scalar"/> that
/// a garbage collection on another thread can free during the native call (see <see cref="Scalars"/>).
/// Every scalar here is a field made once, a cached constant, or a <c>using</c> local that lives until
/// the step ends.
/// </summary>
internal abstract class ParameterUpdate : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly List<IDisposable> _owned = [];

    private protected ParameterUpdate(IEnumerable<Parameter> parameters, double learningRate)
    {
        _parameters = [.. parameters];
        LearningRate = learningRate;
    }

    /// <summary>The step size; a change applies from the next step.</summary>
    public double LearningRate { get; set; }

    /// <summary>The parameters, in the order <see cref="Update"/>'s index counts them.</summary>
    private protected IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// Zeroes every gradient in place (PyTorch's <c>zero_grad(set_to_none=False)</c>). Setting them to
    /// none, PyTorch 2's default, made the next backward pass allocate every gradient afresh: megabytes a
    /// step for the MLP 512-512, which the allocator maps and unmaps each time. Every parameter of a
    /// sequential network is reached by each backward pass, so the steps are the same.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
            parameter.grad?.zero_();
    }

    /// <summary>Updates every parameter that has a gradient, without recording the operations for autograd.</summary>
    public void Step()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is Tensor grad)
                Update(i, _parameters[i], grad);
        }
    }

    /// <summary>
    /// Updates parameter <paramref name="index"/> in place from its gradient. It runs inside a dispose
    /// scope that frees the step's temporaries, so state kept across steps is made with <see cref="Own"/>.
    /// </summary>
    private protected abstract void Update(int index, Parameter parameter, Tensor grad);

    /// <summary>Keeps <paramref name="state"/> (a tensor outside any dispose scope, or a scalar) until the rule is disposed.</summary>
    private protected T Own<T>(T state) where T : IDisposable
    {
        if (state is Tensor tensor)
            tensor.DetachFromDisposeScope();
        _owned.Add(state);
        return state;
    }

    /// <summary>One tensor of state per parameter, made by <paramref name="make"/> from the parameter and kept until the rule is disposed.</summary>
    private protected Tensor[] PerParameter(Func<Parameter, Tensor> make) => [.. _parameters.Select(p => Own(make(p)))];

    /// <summary>
    /// A 0-dimensional tensor of <paramref name="weight"/> per parameter, of its type and on its device:
    /// PyTorch's <c>lerp_(end, weight)</c> takes a number, TorchSharp's only a tensor, and libtorch
    /// computes the two alike.
    /// </summary>
    private protected Tensor[] LerpWeights(double weight) => PerParameter(p => torch.tensor(weight, dtype: p.dtype, device: p.device));

    /// <summary>Frees the rule's state and scalars.</summary>
    public void Dispose()
    {
        foreach (var owned in _owned)
            owned.Dispose();
        _owned.Clear();
    }
}
