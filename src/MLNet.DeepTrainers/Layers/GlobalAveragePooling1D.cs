namespace MLNet.DeepTrainers;

/// <summary>
/// The mean of each channel over the steps: (steps, channels) to (channels). After an
/// <see cref="Embedding"/> with maskZero, the mean of the real steps only, as in Keras; a row of padding
/// alone gives zeros (where Keras divides by zero).
/// </summary>
public sealed record GlobalAveragePooling1D : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        RequireSequence(input);
        return [input[1]];
    }

    internal override MaskUse MaskUse => MaskUse.Consumes;

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new StepMean()];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x)
    {
        if (writer.Mask is not string mask)
            return writer.Node("ReduceMean", [x], OnnxAttribute.Ints("axes", [1]), OnnxAttribute.Int("keepdims", 0));
        string sum = writer.Node("ReduceSum", [writer.Node("Mul", [x, writer.Node("Unsqueeze", [mask, writer.Integers(2)])]), writer.Integers(1)], OnnxAttribute.Int("keepdims", 0));
        return writer.Node("Div", [sum, writer.Node("Max", [writer.RealSteps(), writer.Scalar(1)])]);
    }

    private sealed class StepMean() : TorchModule("GlobalAveragePooling1D"), IMaskedModule
    {
        public override Tensor forward(Tensor input) => input.mean([1]);

        public Tensor Forward(Tensor input, Tensor mask)
        {
            using var real = mask.to(input.dtype);
            using var weights = real.unsqueeze(2);
            using var sum = input.mul(weights).sum(1);
            using var count = real.sum(1, true).clamp_min(Scalars.One);
            return sum.div(count);
        }
    }
}
