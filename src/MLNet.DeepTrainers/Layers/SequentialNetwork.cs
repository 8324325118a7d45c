namespace MLNet.DeepTrainers;

/// <summary>
/// The TorchSharp module of an architecture: each layer's modules registered in order as "0", "1", ...
/// (PyTorch's <c>nn.Sequential</c> names), plus what training needs beside the forward pass: the
/// regularizers' penalties and the constraints. A mask of padded steps (Keras's masking) goes beside the
/// values from the Embedding that starts it to the layers it reaches, whose modules read it through
/// <see cref="IMaskedModule"/>.
/// </summary>
internal sealed class SequentialNetwork : TorchModule
{
    private readonly List<(TorchModule Module, int Layer)> _modules = [];
    private readonly NetworkArchitecture _architecture;
    private readonly List<(int Module, Regularizer Regularizer)> _activityPenalties = [];
    private readonly List<(Tensor Weight, Regularizer Regularizer)> _weightPenalties = [];
    private readonly List<(Tensor Weight, Constraint Constraint)> _constraints = [];
    private readonly long[] _inputShape;
    private readonly HashSet<int> _reluAfterPooling = [];
    private readonly Dictionary<int, int> _convolutionThenPooling = [];
    private Tensor? _activityPenalty;

    /// <summary>The network of <paramref name="architecture"/>, every random starting value drawn from <paramref name="draws"/>.</summary>
    public SequentialNetwork(NetworkArchitecture architecture, torch.Generator draws) : base("Sequential")
    {
        _architecture = architecture;
        _inputShape = [-1, .. architecture.InputShape.Select(d => (long)d)];
        for (int layer = 0; layer < architecture.Layers.Count; layer++)
        {
            int first = _modules.Count;
            foreach (var module in architecture.Layers[layer].Modules(architecture.InputOf(layer), draws))
            {
                register_module(_modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
                _modules.Add((module, layer));
            }
            if (_modules.Count - first != architecture.Layers[layer].ModuleCount)
                throw new InvalidOperationException($"Layer {layer} ({architecture.Layers[layer].TypeName}) built {_modules.Count - first} modules but counts {architecture.Layers[layer].ModuleCount}: its parameter names would not be PyTorch's.");
            if (architecture.Layers[layer] is not KernelLayer kernel)
                continue;
            var own = _modules[first].Module;
            var weight = own.get_parameter("weight")!;
            var bias = kernel.UseBias ? own.get_parameter("bias") : null;
            if (kernel.KernelRegularizer is Regularizer k)
                _weightPenalties.Add((weight, k));
            if (kernel.BiasRegularizer is Regularizer b && bias is not null)
                _weightPenalties.Add((bias, b));
            if (kernel.KernelConstraint is Constraint kc)
                _constraints.Add((weight, kc));
            if (kernel.BiasConstraint is Constraint bc && bias is not null)
                _constraints.Add((bias, bc));
            if (kernel.ActivityRegularizer is Regularizer a)
                _activityPenalties.Add((_modules.Count - 1, a));
        }
        // A ReLU followed by max pooling runs after it instead: ReLU never decreases, so it commutes with the
        // maximum, giving the same values and gradients, over a quarter of the elements for 2×2 pools (the
        // seeds' convnet with its channels-last first layer: a step of 37.5 ms took 26.0 in one interleaved
        // measurement, ReLU's backward over the large channels-last outputs gone).
        // Not where the ReLU's output has an activity penalty, which must see that output.
        for (int i = 0; i + 1 < _modules.Count; i++)
        {
            if (_modules[i].Module is TorchSharp.Modules.ReLU && architecture.Layers[_modules[i + 1].Layer] is MaxPooling2D && !_activityPenalties.Any(p => p.Module == i))
                _reluAfterPooling.Add(i);
        }
        // A one-channel convolution, its ReLU if any, and a 2×2 max pooling of stride 2 run as one pass on the
        // CPU (OneChannelConvolutionPooling), the ReLU over the pooled values as above; not under an activity penalty.
        for (int i = 0; i < _modules.Count; i++)
        {
            if (_modules[i].Module is not ConvolutionModule { FusesWithPooling: true })
                continue;
            int pooling = i + architecture.Layers[_modules[i].Layer].ModuleCount;
            bool reluOrNone = pooling == i + 1 || _modules[i + 1].Module is TorchSharp.Modules.ReLU;
            if (reluOrNone && pooling < _modules.Count && architecture.Layers[_modules[pooling].Layer] is MaxPooling2D { PoolSize: 2, Strides: null or 2 }
                && !_activityPenalties.Any(p => p.Module >= i && p.Module < pooling))
                _convolutionThenPooling.Add(i, pooling);
        }
    }

    /// <summary>The first module when it standardises the inputs (a <see cref="Normalization"/> first), else null.</summary>
    public Normalization.Module? FeatureStatistics => _modules[0].Module is Normalization.Module { Inverts: false } features ? features : null;

    /// <summary>The last module when it turns a standardised regression label back (an inverting <see cref="Normalization"/> last), else null.</summary>
    public Normalization.Module? LabelStatistics => _modules[^1].Module is Normalization.Module { Inverts: true } labels ? labels : null;

    /// <summary>Each module with the layer that made it, in order.</summary>
    public IEnumerable<(TorchModule Module, Layer Layer)> ModulesWithLayers => _modules.Select(m => (m.Module, _architecture.Layers[m.Layer]));

    /// <summary>The shape of a batch of examples: -1 rows, then the architecture's input shape.</summary>
    public long[] BatchShape => _inputShape;

    /// <summary>Whether training adds penalties to the loss.</summary>
    public bool HasPenalties => _weightPenalties.Count > 0 || _activityPenalties.Count > 0;

    /// <summary>The outputs for rows of flat features ([N, input size]), which are first given the architecture's input shape.</summary>
    public override Tensor forward(Tensor input)
    {
        _activityPenalty = null;
        var x = input.reshape(_inputShape);
        Tensor? mask = null;
        int next = 0;
        for (int i = 0; i < _modules.Count; i++)
        {
            var (module, layer) = _modules[i];
            // The one pass makes no gradient for its images: it takes the network's input, which needs none.
            if (_convolutionThenPooling.TryGetValue(i, out int pooling) && x.device_type == DeviceType.CPU && x.dtype == torch.float32 && !x.requires_grad)
            {
                x = ((ConvolutionModule)module).ConvolveAndPool(x, relu: pooling == i + 2);
                i = pooling;
                continue;
            }
            if (_reluAfterPooling.Contains(i))
            {
                x = module.forward(_modules[++i].Module.forward(x));
                continue;
            }
            // An Embedding's indices say which steps are padding, for the layers after it.
            if (_architecture.Layers[layer] is Embedding { MaskZero: true })
                mask = Embedding.PaddingMask(x);
            else if (!_architecture.Masked(layer))
                mask = null;
            var y = mask is not null && module is IMaskedModule masked ? masked.Forward(x, mask) : module.forward(x);
            if (next < _activityPenalties.Count && _activityPenalties[next].Module == i)
            {
                // Keras divides an activity penalty by the batch size.
                if (training)
                {
                    using var rows = y.shape[0].ToScalar();
                    var penalty = _activityPenalties[next].Regularizer.Penalty(y).div(rows);
                    _activityPenalty = _activityPenalty is null ? penalty : _activityPenalty.add(penalty, Scalars.One);
                }
                next++;
            }
            x = y;
        }
        return x;
    }

    /// <summary>The weight penalties, plus the activity penalties of the last training forward pass; null when there are none.</summary>
    public Tensor? Penalty()
    {
        Tensor? sum = _activityPenalty;
        foreach (var (weight, regularizer) in _weightPenalties)
            sum = sum is null ? regularizer.Penalty(weight) : sum.add(regularizer.Penalty(weight), Scalars.One);
        return sum;
    }

    /// <summary>Applies every kernel and bias constraint, after an optimizer step.</summary>
    public void ApplyConstraints()
    {
        if (_constraints.Count == 0)
            return;
        using var noGrad = torch.no_grad();
        foreach (var (weight, constraint) in _constraints)
            constraint.Apply(weight);
    }
}
