using System.Buffers.Binary;
using System.IO.Compression;

namespace MLNet.DeepTrainers.Samples;

/// <summary>One Fashion-MNIST image: 28×28 grey levels scaled to [0, 1] with (channels, height, width) dimensions, and its class 0 to 9 as a key (ML.NET reads a [KeyType] member from a class as the zero-based index).</summary>
public sealed class FashionImage
{
    [VectorType(1, 28, 28)] public float[] Pixels { get; set; } = [];

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
        var pixels = Read(Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz"), magic: 2051, itemSize: 784);
        var labels = Read(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz"), magic: 2049, itemSize: 1);
        int count = Math.Min(labels.Length, limit);
        if (pixels.Length < count * 784)
            throw new InvalidDataException($"{folder}: the {prefix} image file holds fewer images than its label file.");
        var images = new List<FashionImage>(count);
        for (int i = 0; i < count; i++)
        {
            if (labels[i] > 9)
                throw new InvalidDataException($"{folder}: label {i} of the {prefix} file is {labels[i]}, not a class from 0 to 9.");
            var image = new float[784];
            for (int p = 0; p < 784; p++)
                image[p] = pixels[i * 784 + p] / 255f;
            images.Add(new FashionImage { Pixels = image, Label = labels[i] });
        }
        return images;
    }

    // An IDX file: a big-endian magic number, the item count and the item's dimensions, then the bytes.
    private static byte[] Read(string path, int magic, int itemSize)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The Fashion-MNIST file '{path}' does not exist. Run eng/setup.sh (it installs Debian's dataset-fashion-mnist), or point --data at a folder with the four .gz files.", path);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        int dimensions = magic == 2051 ? 3 : 1;
        Span<byte> header = stackalloc byte[4 + 4 * dimensions];
        gzip.ReadExactly(header);
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        if (BinaryPrimitives.ReadInt32BigEndian(header) != magic || count is < 0 or > 1_000_000)
            throw new InvalidDataException($"'{path}' is not an IDX file of magic number {magic} with at most a million items.");
        var bytes = new byte[count * itemSize];
        gzip.ReadExactly(bytes);
        return bytes;
    }
}
