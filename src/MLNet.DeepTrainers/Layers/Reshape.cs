namespace MLNet.DeepTrainers;

/// <summary>Gives the input a new shape with the same number of values, e.g. 784 to (1, 28, 28).</summary>
public sealed record Reshape : Layer
{
    /// <summary>Reshapes to <paramref name="targetShape"/> (without the batch dimension).</summary>
    public Reshape(params int[] targetShape) => TargetShape = targetShape;

    /// <summary>The new shape.</summary>
    public int[] TargetShape { get; init; }

    internal override int[] OutputShape(int[] input)
    {
        if (TargetShape is null || TargetShape.Length == 0 || TargetShape.Any(d => d <= 0) || Product(TargetShape) != Product(input))
            throw new ArgumentException($"cannot reshape {Format(input)} ({Product(input)} values) to {Format(TargetShape ?? [])}.");
        return TargetShape;
    }

    internal override IEnumerable<TorchModule> Modules(int[] input, torch.Generator draws) => [new ReshapeModule([-1, .. TargetShape.Select(d => (long)d)])];

    internal override string ExportOnnx(OnnxNetworkWriter writer, int[] input, string x) => writer.Reshape(x, TargetShape);

    /// <inheritdoc />
    public bool Equals(Reshape? other) => other is not null && TargetShape.SequenceEqual(other.TargetShape);

    /// <inheritdoc />
    public override int GetHashCode() => TargetShape.Aggregate(17, (h, d) => h * 31 + d);

    private sealed class ReshapeModule : TorchModule
    {
        private readonly long[] _shape;

        public ReshapeModule(long[] shape) : base("Reshape") => _shape = shape;

        public override Tensor forward(Tensor input) => input.reshape(_shape);
    }
}
