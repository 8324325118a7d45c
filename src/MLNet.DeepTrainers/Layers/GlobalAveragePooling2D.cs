namespace MLNet.DeepTrainers;

/// <summary>The mean of each channel over height and width: (channels, height, width) to (channels).</summary>
public sealed record GlobalAveragePooling2D : Layer
{
    internal override int[] OutputShape(int[] input)
    {
        RequireImage(input);
        return [input[0]];
    }

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new ChannelMean()];

    // [N, C, 1, 1], then [N, C].
    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) =>
        writer.Node("Flatten", [writer.Node("GlobalAveragePool", [x])], OnnxAttribute.Int("axis", 1));

    private sealed class ChannelMean() : TorchModule("GlobalAveragePooling2D")
    {
        public override Tensor forward(Tensor input) => input.mean([2, 3]);
    }
}
