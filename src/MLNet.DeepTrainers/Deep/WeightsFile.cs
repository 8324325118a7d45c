using MLNet.DeepTrainers.Models;

namespace MLNet.DeepTrainers.Deep;

/// <summary>
/// A network's weights as a standalone safetensors file under PyTorch's <c>nn.Sequential</c> names
/// and layouts: what <see cref="SequentialModel.SaveWeights"/> writes and
/// <see cref="DeepTrainerOptions.InitialWeightsPath"/> reads.
/// </summary>
internal static class WeightsFile
{
    public static void Write(string path, IReadOnlyDictionary<string, NamedTensor> weights) =>
        AtomicFile.Write(path, stream => SafeTensors.Write(stream, weights));

    /// <summary>
    /// Reads exactly the tensors <paramref name="expected"/> names, with its shapes. The file's size is
    /// bounded by what those tensors need before anything is read.
    /// </summary>
    public static Dictionary<string, NamedTensor> Read(string path, IReadOnlyDictionary<string, long[]> expected, string user)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"{user}: the weights file '{path}' does not exist.", path);
        // Every expected tensor, plus an 8-byte step counter beside each batch normalization, plus the header.
        long needed = expected.Values.Sum(shape => shape.Aggregate(1L, (a, b) => a * b) * sizeof(float) + sizeof(long));
        long limit = 8 + ModelFileLimits.MaxTensorHeaderBytes + needed;
        if (file.Length > limit || file.Length > Array.MaxLength)
            throw new InvalidDataException($"{user}: the weights file '{path}' has {file.Length} bytes, more than the {limit} the network's {expected.Count} tensors can take: it is not this network's.");
        try
        {
            return SafeTensors.Read(File.ReadAllBytes(path), expected, $"{user}: the weights file '{path}'");
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(e.Message + " Weights must use the network's PyTorch nn.Sequential names and shapes: " +
                string.Join(", ", expected.Select(t => $"{t.Key} [{string.Join(", ", t.Value)}]")) + ".", e);
        }
    }
}
