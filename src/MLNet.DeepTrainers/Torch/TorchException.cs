namespace MLNet.DeepTrainers.Torch;

/// <summary>An error reported by libtorch, carrying libtorch's own message.</summary>
public sealed class TorchException : InvalidOperationException
{
    internal TorchException(string message) : base(message) { }
}
