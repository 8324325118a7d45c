using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// A training step's forward pass and gradients for a network of Dense layers (a stack of matrix products,
/// each with its bias and a linear, ReLU, tanh or sigmoid activation and optionally a Dropout after it, after
/// an optional Flatten, between the optional input and label standardisations), computed with libtorch's
/// operations but without its autograd: the forward pass keeps each layer's input, output and dropout mask
/// (drawn by the Dropout layer's own module), and the backward pass is the textbook
/// one (a layer's kernel gradient gᵀ·input, its bias gradient the sum of g, and g·kernel for the layer
/// before, through the activation's derivative, written from its output). On small networks a step is
/// mostly the cost of calling libtorch, and autograd's part of it (recording the graph, then its engine's
/// pass over it) was more than half: the Boston MLP's step (batch 16, 64-64) took 240-300 µs through
/// autograd and 93-123 µs so (README, "Performance"). The same operations as autograd's, so the same
/// gradients (tested against autograd for every activation, loss and weighting taken here). Accumulates
/// into each parameter's gradient as autograd does.
/// </summary>
internal sealed class DenseStackGradients : IDisposable
{
    private readonly Normalization.Module? _features;
    private readonly long[]? _batchShape;
    private readonly Normalization.Module? _labels;
    private readonly DenseModule[] _layers;
    private readonly Tensor?[] _inputs;
    private readonly Tensor?[] _outputs;
    private readonly Tensor?[] _masks;

    private DenseStackGradients(Normalization.Module? features, long[]? batchShape, DenseModule[] layers, Normalization.Module? labels)
    {
        _features = features;
        _batchShape = batchShape;
        _layers = layers;
        _labels = labels;
        _inputs = new Tensor?[layers.Length];
        _outputs = new Tensor?[layers.Length];
        _masks = new Tensor?[layers.Length];
        OutputUnit = labels?.Deviation ?? 1;
    }

    /// <summary>How far the network's output moves when the last Dense layer's output moves by 1: the label's deviation under an inverting Normalization, else 1.</summary>
    public double OutputUnit { get; }

    /// <summary>
    /// The step for <paramref name="network"/> (its parameters where training keeps them: joined or not) trained on <paramref name="loss"/>
    /// of <paramref name="task"/>; null unless the network is such a stack with no penalties and the task
    /// derives that loss's gradient (<see cref="LearningTask.HasOutputGradient"/>): autograd then trains it.
    /// </summary>
    public static DenseStackGradients? For(SequentialNetwork network, LearningTask task, LossFunction? loss)
    {
        if (!task.HasOutputGradient(loss) || network.HasPenalties)
            return null;
        var modules = network.ModulesWithLayers.ToArray();
        var (features, labels) = (network.FeatureStatistics, network.LabelStatistics);
        int first = features is null ? 0 : 1, end = modules.Length - (labels is null ? 0 : 1);
        // A Flatten before the first Dense (Keras's Flatten, Dense(10) over images) leaves the rows as the loop holds them: flat.
        bool flattens = first < end && modules[first].Layer is Flatten;
        var dense = new List<(TorchModule Module, Dense Layer, DropoutModule? Dropout)>();
        for (int i = flattens ? first + 1 : first; i < end;)
        {
            if (modules[i].Layer is not Dense { Activation: ActivationKind.Linear or ActivationKind.ReLU or ActivationKind.Tanh or ActivationKind.Sigmoid } layer)
                return null;
            int next = i + layer.ModuleCount;
            var dropout = next < end && modules[next].Module is DropoutModule d ? d : null;
            dense.Add((modules[i].Module, layer, dropout));
            i = dropout is null ? next : next + 1;
        }
        if (dense.Count == 0)
            return null;
        var layers = dense.Select(d =>
        {
            var weight = d.Module.get_parameter("weight")!;
            var bias = d.Layer.UseBias ? d.Module.get_parameter("bias") : null;
            return new DenseModule(weight, GradientOf(weight), bias, bias is null ? null : GradientOf(bias), d.Layer.Activation, d.Dropout);
        });
        return new(features, flattens ? network.BatchShape : null, [.. layers], labels);
    }

    /// <summary>The outputs for a batch of flat features, without recording for autograd; keeps what <see cref="Backward"/> needs until the step's dispose scope ends.</summary>
    public Tensor Forward(Tensor x)
    {
        using var noGrad = torch.no_grad();
        // Per channel of an image, the input standardisation takes the rows in the input's shape, flattened after.
        var h = _features is null ? x : _batchShape is null ? _features.forward(x) : _features.forward(x.reshape(_batchShape)).flatten(1);
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            _inputs[i] = h;
            var z = torch.nn.functional.linear(h, layer.Weight, layer.Bias);
            h = layer.Activation switch
            {
                ActivationKind.ReLU => z.relu_(),
                ActivationKind.Tanh => z.tanh_(),
                ActivationKind.Sigmoid => z.sigmoid_(),
                _ => z,
            };
            _outputs[i] = h;
            _masks[i] = layer.Dropout?.Mask(h);
            if (_masks[i] is Tensor mask)
                h = h.mul(mask);
        }
        return _labels?.forward(h) ?? h;
    }

    /// <summary>
    /// Adds to each parameter's gradient its share of <paramref name="gradient"/>, the loss's gradient with respect to the
    /// last Dense layer's outputs (the network's, times <see cref="OutputUnit"/>), for the batch of the last <see cref="Forward"/>.
    /// </summary>
    public void Backward(Tensor gradient)
    {
        using var noGrad = torch.no_grad();
        var g = gradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            var layer = _layers[i];
            if (_masks[i] is Tensor mask)
                g = g.mul_(mask);
            g = ThroughActivation(g, _outputs[i]!, layer.Activation);
            layer.WeightGradient.addmm_(g.t(), _inputs[i]!, beta: 1, alpha: 1);
            layer.BiasGradient?.add_(g.sum(dim: 0L), Scalars.One);
            if (i > 0)
                g = g.mm(layer.Weight);
        }
    }

    /// <summary>
    /// <paramref name="g"/>, the gradient with respect to an activation's output <paramref name="a"/>, made the one with respect to its input,
    /// by the derivative written from the output: ReLU's 1 where a &gt; 0 (0 at 0, as libtorch's), tanh's 1 - a², sigmoid's a·(1 - a).
    /// </summary>
    private static Tensor ThroughActivation(Tensor g, Tensor a, ActivationKind activation)
    {
        switch (activation)
        {
            case ActivationKind.ReLU:
                return g.mul_(a.sign());
            case ActivationKind.Tanh:
                return g.addcmul_(g.mul(a), a, Scalars.MinusOne);
            case ActivationKind.Sigmoid:
                var ga = g.mul(a);
                return ga.addcmul_(ga, a, Scalars.MinusOne);
            default:
                return g;
        }
    }

    /// <summary>Lets go of this step's handles on the gradients (the gradients stay the parameters').</summary>
    public void Dispose()
    {
        foreach (var layer in _layers)
        {
            layer.WeightGradient.Dispose();
            layer.BiasGradient?.Dispose();
        }
    }

    /// <summary>The gradient of <paramref name="parameter"/>, made (zero) if backward has not made it yet, as a handle kept across steps.</summary>
    private static Tensor GradientOf(Parameter parameter)
    {
        if (parameter.grad is Tensor existing)
            return existing.DetachFromDisposeScope();
        using (var zeros = torch.zeros_like(parameter))
            parameter.grad = zeros;
        return parameter.grad!.DetachFromDisposeScope();
    }

    private sealed record DenseModule(Parameter Weight, Tensor WeightGradient, Parameter? Bias, Tensor? BiasGradient, ActivationKind Activation, DropoutModule? Dropout);
}
