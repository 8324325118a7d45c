using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// A network's parameters moved into one contiguous tensor, each parameter a view of its part, and their
/// gradients likewise into one: the update rules, which are element-wise, then step every weight in a few
/// operations instead of a few per parameter, and zeroing the gradients is one operation. On small
/// networks a step is mostly the cost of calling libtorch, so this is most of a step's time (the flat
/// tensors of apex's and DeepSpeed's optimizers, for the same reason). Autograd adds each new gradient
/// into the existing one in place, so the gradients stay views of the flat one as long as nothing sets
/// them to none; <see cref="ParameterUpdate.ZeroGrad"/> zeroes in place. Used for small steps only: on
/// large networks the joined parameters made every phase of a step slower (see DeepTrainer's SmallStepWork).
/// </summary>
internal sealed class FlatParameters : IDisposable
{
    private readonly Parameter[] _parameters;

    private FlatParameters(Parameter all, Parameter[] parameters)
    {
        All = all;
        _parameters = parameters;
    }

    /// <summary>Every parameter's values as one vector, with every gradient as its gradient: what the update rule steps.</summary>
    public Parameter All { get; }

    /// <summary>Moves <paramref name="parameters"/> (of one type, on one device) into one tensor and gives each a zero gradient in one other.</summary>
    public static FlatParameters Join(IEnumerable<Parameter> parameters)
    {
        var list = parameters.ToArray();
        if (list.Length == 0 || list.Any(p => p.dtype != list[0].dtype || p.device_type != list[0].device_type || p.device_index != list[0].device_index))
            throw new InvalidOperationException("A network's parameters join one tensor only if there are some, all of one type on one device; this is a bug in MLNet.DeepTrainers.");
        long total = list.Sum(p => p.numel());
        using var noGrad = torch.no_grad();
        var all = new Parameter(torch.empty(total, dtype: list[0].dtype, device: list[0].device));
        using var gradients = torch.zeros(total, dtype: list[0].dtype, device: list[0].device);
        long offset = 0;
        foreach (var parameter in list)
        {
            long size = parameter.numel();
            using (var values = all.narrow(0, offset, size).view(parameter.shape))
            {
                values.copy_(parameter);
                parameter.set_(values);
            }
            using (var gradient = gradients.narrow(0, offset, size).view(parameter.shape))
                parameter.grad = gradient;
            offset += size;
        }
        all.grad = gradients;
        return new FlatParameters(all, list);
    }

    /// <summary>
    /// Lets the gradients go (the parameters keep their values, views of <see cref="All"/>'s memory): a
    /// trained model holds no gradients.
    /// </summary>
    public void Dispose()
    {
        foreach (var parameter in _parameters)
            parameter.grad = null;
        All.Dispose();
    }
}
