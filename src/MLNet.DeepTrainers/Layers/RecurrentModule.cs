using TorchSharp.Modules;

namespace MLNet.DeepTrainers;

/// <summary>
/// A recurrent layer, one direction or two, as Keras computes it. Without a mask and without recurrent dropout
/// each direction runs libtorch's fused kernel (<see cref="FusedRecurrence"/>); with a mask of padded steps, or
/// with recurrent dropout while training, a loop of libtorch operations over the steps with the same weights
/// (<see cref="RecurrentLayer.Step"/>), in which a padded step leaves the state as it was and outputs it again,
/// Keras's masking. Dropout is Keras's: one mask per sequence, on the inputs and on the state before its
/// recurrent product, from generators of the module's own (<see cref="DropoutMasks"/>).
/// </summary>
/// <remarks>
/// The parameters are registered under PyTorch's names ("weight_ih_l0", "..._reverse") as the very tensors of
/// the libtorch modules, which are not registered themselves, so that the network's parameters and weights are
/// the layer's <see cref="Layer.Tensors"/> exactly. Keras's SimpleRNN and LSTM have one bias where libtorch's
/// kernels add two; their second, "bias_hh_l0", stays zero inside the libtorch module, not trained
/// (requires_grad off) and not a weight of the network: no optimizer, regularizer or weights file sees it.
/// Moving the module moves the libtorch modules first, in place, which moves the shared parameters with them.
/// </remarks>
internal sealed class RecurrentModule : TorchModule, IMaskedModule
{
    private readonly RecurrentLayer _layer;
    private readonly Direction[] _directions;
    private readonly DropoutMasks _inputDropout;
    private readonly DropoutMasks _stateDropout;

    /// <summary>The module of <paramref name="layer"/> over <paramref name="features"/> inputs, forwards only or both ways, its starting weights and dropout seeds drawn from <paramref name="draws"/>.</summary>
    public RecurrentModule(RecurrentLayer layer, int features, bool bidirectional, torch.Generator draws) : base(layer.TypeName)
    {
        _layer = layer;
        _directions = bidirectional
            ? [new(this, layer, features, backward: false, draws), new(this, layer, features, backward: true, draws)]
            : [new(this, layer, features, backward: false, draws)];
        _inputDropout = new DropoutMasks(layer.Dropout, draws);
        _stateDropout = new DropoutMasks(layer.RecurrentDropout, draws);
    }

    public override Tensor forward(Tensor input) => training && _stateDropout.Drops ? Loop(input, null) : Fused(input);

    public Tensor Forward(Tensor input, Tensor mask) => Loop(input, mask);

    /// <summary>Every direction through libtorch's fused kernel; the backward one reads the steps reversed, and its outputs are put back in order.</summary>
    private Tensor Fused(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var outputs = _directions.Select(direction =>
        {
            var x = DropInputs(input);
            var (sequence, last) = direction.Kernel.Run(direction.Backward ? x.flip(1) : x);
            return !_layer.ReturnSequences ? last.squeeze(0) : direction.Backward ? sequence.flip(1) : sequence;
        }).ToList();
        return Join(outputs).MoveToOuterDisposeScope();
    }

    /// <summary>Every direction as a loop over the steps, Keras's equations with its masking when <paramref name="mask"/> [rows, steps] is given.</summary>
    private Tensor Loop(Tensor input, Tensor? mask)
    {
        using var scope = torch.NewDisposeScope();
        long rows = input.shape[0], steps = input.shape[1];
        var real = mask?.unsqueeze(2);
        var outputs = new List<Tensor>();
        foreach (var direction in _directions)
        {
            // Every step's input product at once, with its bias.
            var inputs = torch.nn.functional.linear(DropInputs(input), direction.InputWeight, direction.InputBias);
            var state = torch.zeros([rows, _layer.Units], input.dtype, input.device);
            var cell = _layer is LSTM ? torch.zeros_like(state) : null;
            var stateMask = training && _stateDropout.Drops ? _stateDropout.Draw(state.shape, state) : null;
            var sequence = new Tensor[steps];
            for (long s = 0; s < steps; s++)
            {
                long t = direction.Backward ? steps - 1 - s : s;
                using var step = torch.NewDisposeScope();
                var recurrent = torch.nn.functional.linear(stateMask is null ? state : state.mul(stateMask), direction.StateWeight, direction.StateBias);
                var (next, nextCell) = _layer.Step(inputs.select(1, t), recurrent, state, cell);
                if (real is not null)
                {
                    var isReal = real.select(1, t);
                    next = torch.where(isReal, next, state);
                    nextCell = nextCell is null ? null : torch.where(isReal, nextCell, cell!);
                }
                state = sequence[t] = next.MoveToOuterDisposeScope();
                cell = nextCell?.MoveToOuterDisposeScope();
            }
            outputs.Add(_layer.ReturnSequences ? torch.stack(sequence, 1) : state);
        }
        return Join(outputs).MoveToOuterDisposeScope();
    }

    /// <summary>The inputs with Keras's dropout while training: one mask per sequence and direction, the same at every step.</summary>
    private Tensor DropInputs(Tensor input)
    {
        if (!training || !_inputDropout.Drops)
            return input;
        using var mask = _inputDropout.Draw([input.shape[0], 1, input.shape[2]], input);
        return input.mul(mask);
    }

    /// <summary>The directions' outputs side by side, forwards first, as Keras's concatenation and PyTorch's bidirectional layers.</summary>
    private static Tensor Join(List<Tensor> outputs) => outputs.Count == 1 ? outputs[0] : torch.cat(outputs, -1);

    // libtorch's modules are not registered, so their training flag (which cuDNN's kernels read) follows by hand.
    public override void train(bool train = true)
    {
        base.train(train);
        foreach (var direction in _directions)
            direction.Kernel.Module.train(train);
    }

    // The libtorch modules move first and in place, so the parameters shared with them are on the device
    // already when the base class would replace them with moved copies, and it keeps them.
    protected override torch.nn.Module _to(DeviceType deviceType, int deviceIndex, bool non_blocking)
    {
        foreach (var direction in _directions)
            direction.Kernel.Module.to(deviceType, deviceIndex, non_blocking);
        return base._to(deviceType, deviceIndex, non_blocking);
    }

    protected override torch.nn.Module _to(torch.Device device, torch.ScalarType dtype, bool non_blocking)
    {
        foreach (var direction in _directions)
            direction.Kernel.Module.to(device, dtype, non_blocking);
        return base._to(device, dtype, non_blocking);
    }

    protected override torch.nn.Module _to(torch.ScalarType dtype, bool non_blocking)
    {
        foreach (var direction in _directions)
            direction.Kernel.Module.to(dtype, non_blocking);
        return base._to(dtype, non_blocking);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var direction in _directions)
                direction.Kernel.Dispose();
            _inputDropout.Dispose();
            _stateDropout.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>One direction: its libtorch module and its weights, registered on the owner under PyTorch's names with Keras's starting values.</summary>
    private sealed class Direction
    {
        public Direction(RecurrentModule owner, RecurrentLayer layer, int features, bool backward, torch.Generator draws)
        {
            Backward = backward;
            Kernel = layer.Fused(features);
            var parameters = Kernel.Module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            InputWeight = parameters["weight_ih_l0"];
            StateWeight = parameters["weight_hh_l0"];
            InputBias = parameters["bias_ih_l0"];
            var stateBias = parameters["bias_hh_l0"];
            using (torch.no_grad())
            {
                Initializers.Fill(InputWeight, Initializer.GlorotUniform, draws);
                Initializers.Orthogonal(StateWeight, draws);
                InputBias.zero_();
                layer.StartBias(InputBias);
                stateBias.zero_();
            }
            string suffix = backward ? "_reverse" : "";
            owner.register_parameter($"weight_ih_l0{suffix}", InputWeight);
            owner.register_parameter($"weight_hh_l0{suffix}", StateWeight);
            owner.register_parameter($"bias_ih_l0{suffix}", InputBias);
            if (layer.RecurrentBias)
            {
                StateBias = stateBias;
                owner.register_parameter($"bias_hh_l0{suffix}", stateBias);
            }
            else
                stateBias.requires_grad = false;
        }

        public bool Backward { get; }

        public FusedRecurrence Kernel { get; }

        public Parameter InputWeight { get; }

        public Parameter StateWeight { get; }

        public Parameter InputBias { get; }

        /// <summary>The recurrent product's own bias (the GRU's); null where Keras has one bias and libtorch's second stays zero.</summary>
        public Parameter? StateBias { get; }
    }
}
