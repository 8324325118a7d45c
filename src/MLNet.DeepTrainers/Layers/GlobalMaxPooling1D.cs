namespace MLNet.DeepTrainers;

/// <summary>
/// The maximum of each channel over the steps: (steps, channels) to (channels). After an
/// <see cref="Embedding"/> with maskZero, the maximum over the real steps only; a row of padding alone
/// gives zeros (Keras 2's layer refuses a mask).
/// </summary>
public sealed record GlobalMaxPooling1D : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        return [input[1]];
    }

    internal override MaskUse MaskUse => MaskUse.Consumes;

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new StepMaximum()];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x)
    {
        if (writer.Mask is not string mask)
            return writer.Node("ReduceMax", [x], OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 0));
        string real = writer.Node("Cast", [writer.Node("Unsqueeze", [mask, writer.Integers(2)])], OnnxAttribute.Int("to", (long)Onnx.TensorProto.Types.DataType.Bool));
        string maximum = writer.Node("ReduceMax", [writer.Node("Where", [real, x, writer.Scalar(float.NegativeInfinity)])], OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 0));
        string any = writer.Node("Cast", [writer.RealSteps()], OnnxAttribute.Int("to", (long)Onnx.TensorProto.Types.DataType.Bool));
        return writer.Node("Where", [any, maximum, writer.Scalar(0)]);
    }

    private sealed class StepMaximum() : TorchModule("GlobalMaxPooling1D"), IMaskedModule
    {
        public override Tensor forward(Tensor input) => input.amax([1]);

        public Tensor Forward(Tensor input, Tensor mask)
        {
            using var padding = mask.logical_not().unsqueeze(2);
            using var maximum = input.masked_fill(padding, Scalars.NegativeInfinity).amax([1]);
            using var any = mask.any(1, true);
            using var zeros = torch.zeros_like(maximum);
            return torch.where(any, maximum, zeros);
        }
    }
}
