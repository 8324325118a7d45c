namespace MLNet.DeepTrainers;

/// <summary>A leaky ReLU whose slope below zero is learned, one per input value, starting at 0 (Keras's PReLU).</summary>
public sealed record PReLU : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        Product(input);
        return input;
    }

    internal override MaskUse MaskUse => MaskUse.PassesOn;

    internal override IEnumerable<LayerTensor> Tensors(int[] input) => [new("alpha", input.Select(d => (long)d).ToArray())];

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new PReLUModule(input.Select(d => (long)d).ToArray())];

    // relu(x) - alpha · relu(-x) is x above zero and alpha · x below, which is ONNX's PRelu with alpha
    // (of the input's shape) as the slope, broadcast over the rows.
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => writer.Node("PRelu", [x, writer.Weight("alpha")]);

    /// <summary>relu(x) - alpha · relu(-x), with alpha of the input's shape (Keras's form; PyTorch's nn.PReLU shares alpha per channel).</summary>
    private sealed class PReLUModule : TorchModule
    {
#pragma warning disable IDE1006 // The field's name is the parameter's PyTorch name.
        private readonly TorchSharp.Modules.Parameter alpha;
#pragma warning restore IDE1006

        public PReLUModule(long[] shape) : base("PReLU")
        {
            alpha = new TorchSharp.Modules.Parameter(torch.zeros(shape));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => torch.nn.functional.relu(input) - alpha * torch.nn.functional.relu(-input);
    }
}
