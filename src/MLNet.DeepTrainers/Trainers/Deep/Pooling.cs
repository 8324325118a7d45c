namespace MLNet.DeepTrainers.Trainers;

/// <summary>Shape and spec rules the two pooling layers share.</summary>
internal static class Pooling
{
    public static int[] OutputShape(Layer layer, int[] input, int poolSize, int? strides)
    {
        if (input.Length != 3)
            throw new ArgumentException($"{layer.TypeName} needs an input of shape (channels, height, width), but gets ({string.Join(", ", input)}).");
        int step = strides ?? poolSize;
        if (poolSize <= 0 || step <= 0)
            throw new ArgumentException($"the pool size and strides must be positive (got {poolSize}, {step}).");
        if (input[1] < poolSize || input[2] < poolSize)
            throw new ArgumentException($"a {poolSize}×{poolSize} pool does not fit a {input[1]}×{input[2]} input.");
        return [input[0], (input[1] - poolSize) / step + 1, (input[2] - poolSize) / step + 1];
    }

    public static string Spec(string kind, int poolSize, int? strides) => $"{kind} {poolSize} {poolSize} {strides ?? poolSize} {strides ?? poolSize}";
}
