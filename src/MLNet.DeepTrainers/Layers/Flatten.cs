namespace MLNet.DeepTrainers;

/// <summary>Flattens each example to one dimension, in PyTorch's (channels, height, width) order.</summary>
public sealed record Flatten : Layer
{
    internal override int[] OutputShape(int[] input) => [Product(input)];

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [torch.nn.Flatten()];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => writer.Node("Flatten", [x], OnnxAttribute.Int("axis", 1));
}
