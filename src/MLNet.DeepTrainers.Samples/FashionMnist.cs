using System.Buffers.Binary;
using System.IO.Compression;
using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Samples;

/// <summary>One Fashion-MNIST image: 28×28 grey levels scaled to [0, 1], and its class (0 to 9).</summary>
public sealed class FashionImage
{
    [VectorType(1, 28, 28)] public float[] Pixels { get; set; } = [];

    /// <summary>The class as a key: 1 to 10 (0 would be missing).</summary>
    [KeyType(10)] public uint Label { get; set; }
}

/// <summary>Reads Fashion-MNIST from the original gzip IDX files (Debian's dataset-fashion-mnist).</summary>
public static class FashionMnist
{
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    public static readonly string[] ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The training (60,000) or test (10,000) images, at most <paramref name="limit"/> of them.</summary>
    public static List<FashionImage> Load(string folder, bool train, int limit = int.MaxValue)
    {
        string prefix = train ? "train" : "t10k";
        var pixels = Read(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), magic: 2051);
        var labels = Read(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"), magic: 2049);
        int count = Math.Min(labels.Length, limit);
        if (pixels.Length < count * 784)
            throw new InvalidDataException($"{folder}: the {prefix} image file holds fewer images than its label file.");
        var images = new List<FashionImage>(count);
        for (int i = 0; i < count; i++)
        {
            var image = new float[784];
            for (int p = 0; p < 784; p++)
                image[p] = pixels[i * 784 + p] / 255f;
            images.Add(new FashionImage { Pixels = image, Label = labels[i] + 1u });
        }
        return images;
    }

    private static byte[] Read(string path, int magic)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The Fashion-MNIST file '{path}' does not exist. Run eng/setup.sh (it installs Debian's dataset-fashion-mnist), or point --data at a folder with the four .gz files.", path);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.ToArray();
        int dimensions = magic == 2051 ? 3 : 1;
        if (bytes.Length < 4 + 4 * dimensions || BinaryPrimitives.ReadInt32BigEndian(bytes) != magic)
            throw new InvalidDataException($"'{path}' is not an IDX file of magic number {magic}.");
        return bytes[(4 + 4 * dimensions)..];
    }
}
