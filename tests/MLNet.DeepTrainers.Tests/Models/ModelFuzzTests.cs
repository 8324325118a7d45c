using System.Buffers.Binary;
using System.Text.Json.Nodes;
using System.Text;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Transforms;
using MLNet.DeepTrainers.Transforms.Text;

namespace MLNet.DeepTrainers.Tests.Models;

/// <summary>
/// Loads thousands of mutations of saved models in-process. A mutation of the file's bytes (bit flips,
/// truncations, forged sizes) must either load and predict bit for bit what the original does, or
/// throw InvalidDataException. A mutation that keeps the zip valid but edits what it says (a JSON value,
/// a tensor's shape or dtype) may describe a different valid model, so it must either throw
/// InvalidDataException or load a model that predicts without error. Nothing else may escape, and the
/// process must not crash. Fixed seed; set MLDT_FUZZ_ROUNDS (default 1) to run that many times longer.
/// </summary>
public class ModelFuzzTests
{
    public sealed class Row
    {
        public float Label { get; set; }
        public float X { get; set; }
        public double Y { get; set; }
        public string Category { get; set; } = "";
        [VectorType(16)] public float[] Pixels { get; set; } = [];
        [VectorType(3)] public bool[] Tags { get; set; } = [];
    }


    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("MLDT_FUZZ_ROUNDS"), out int r) && r > 0 ? r : 1;

    private readonly MLContext _ml = new(seed: 11);

    private IDataView Data() => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 24).Select(i => new Row
    {
        Label = i % 4 + (i % 3) * 0.5f,
        X = i % 5,
        Y = i * 0.25,
        Category = ((char)('a' + i % 3)).ToString(),
        Pixels = Enumerable.Range(0, 16).Select(j => (float)((i + j) % 7)).ToArray(),
        Tags = [i % 2 == 0, i % 3 == 0, i % 5 < 2],
    }).ToList());

    public static TheoryData<string> Kinds() => ["network with every transform", "network with the hashing, text, missing-value and other normalizers", "convnet", "sequence network over word keys", "multi-label network", "tree ensemble"];

    private ITransformer Fit(string kind, IDataView data) => kind switch
    {
        "network with every transform" => _ml.Transforms.CopyColumns("X2", "X")
            .Append(_ml.Transforms.Conversion.ConvertType("Yf", "Y"))
            .Append(_ml.Transforms.Categorical.OneHotEncoding("CategoryCode", "Category"))
            .Append(_ml.Transforms.Conversion.MapValueToKey("CategoryKey", "Category"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("CategoryBack", "CategoryKey"))
            .Append(_ml.Transforms.NormalizeMinMax("X2"))
            .Append(_ml.Transforms.NormalizeMeanVariance("Yf", fixZero: false))
            .Append(_ml.Transforms.Concatenate("Features", "X2", "Yf", "CategoryCode"))
            .Append(_ml.Transforms.DropColumns("CategoryBack"))
            .Append(_ml.Regression.Trainers.Sequential(new SequentialOptions
            {
                Layers = [new Dense(4, ActivationKind.ReLU), new BatchNormalization(), new Dropout(0.1f), new PReLU(), new Dense(1)],
                Epochs = 2,
                BatchSize = 8,
            })).Fit(data),
        "network with the hashing, text, missing-value and other normalizers" => _ml.Transforms.Conversion.Hash("CategoryHash", "Category", numberOfBits: 8, maximumNumberOfInverts: -1)
            .Append(_ml.Transforms.Conversion.ConvertType("CategoryHashF", "CategoryHash"))
            .Append(_ml.Transforms.Text.NormalizeText("CategoryClean", "Category", keepPunctuations: false))
            .Append(_ml.Transforms.Text.TokenizeIntoWords("CategoryWords", "CategoryClean", [' ', '-']))
            .Append(_ml.Transforms.Text.ProduceWordBags("CategoryBag", "CategoryClean", weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(_ml.Transforms.Categorical.OneHotHashEncoding("CategoryHot", "Category", OneHotEncodingEstimator.OutputKind.Binary, numberOfBits: 4))
            .Append(_ml.Transforms.Text.RemoveStopWords("CategoryKept", "CategoryWords", "a"))
            .Append(_ml.Transforms.Text.FeaturizeText("CategoryText", "Category"))
            .Append(_ml.Transforms.Text.ProduceHashedWordBags("CategoryHashBag", "CategoryClean", numberOfBits: 4, maximumNumberOfInverts: -1))
            .Append(_ml.Transforms.IndicateMissingValues("XMissing", "X"))
            .Append(_ml.Transforms.Conversion.ConvertType("XMissingF", "XMissing"))
            .Append(_ml.Transforms.ReplaceMissingValues("Pixels2", "Pixels", MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(_ml.Transforms.NormalizeBinning("PixelsB", "Pixels2", maximumBinCount: 4))
            .Append(_ml.Transforms.NormalizeLogMeanVariance("Xl", "X"))
            .Append(_ml.Transforms.NormalizeLpNorm("PixelsL", "Pixels"))
            .Append(_ml.Transforms.Concatenate("Features", "CategoryHashF", "CategoryHot", "CategoryText", "CategoryHashBag", "XMissingF", "PixelsB", "Xl", "PixelsL"))
            .Append(_ml.Regression.Trainers.Sequential(new SequentialOptions { Layers = [new Dense(1)], Epochs = 1, BatchSize = 8 })).Fit(data),
        "convnet" => _ml.Regression.Trainers.Sequential(new SequentialOptions
        {
            FeatureColumnName = "Pixels",
            Layers = [new Reshape(1, 4, 4), new Conv2D(2, 3, padding: Padding.Same, activation: ActivationKind.ReLU), new MaxPooling2D(2), new Flatten(), new Dense(1)],
            Epochs = 2,
            BatchSize = 8,
        }).Fit(data),
        "sequence network over word keys" => _ml.Transforms.Text.TokenizeIntoWords("Words", "Category")
            .Append(_ml.Transforms.Conversion.MapValueToKey("Keys", "Words"))
            .Append(_ml.Transforms.Text.PadSequences("Padded", 4, "Keys"))
            .Append(_ml.Transforms.Text.ProduceNgrams("Ngrams", "Padded"))
            .Append(_ml.Regression.Trainers.Sequential(new SequentialOptions
            {
                FeatureColumnName = "Padded",
                Layers = [new Embedding(4, 3), new Conv1D(2, 2), new Bidirectional(new LSTM(2, returnSequences: true)), new GRU(2), new Dense(1)],
                Epochs = 1,
                BatchSize = 8,
            })).Fit(data),
        "multi-label network" => _ml.Transforms.NormalizeMeanVariance("Pixels")
            .Append(_ml.MultiLabelClassification.Trainers.Mlp(labelColumnName: "Tags", featureColumnName: "Pixels", hiddenLayers: [4], epochs: 2, batchSize: 8))
            .Fit(data),
        _ => _ml.Regression.Trainers.FastTree(featureColumnName: "Pixels", numberOfTrees: 4, numberOfLeaves: 4, minimumExampleCountPerLeaf: 2).Fit(data),
    };

    // Every bit of every score (a multi-label network scores a vector per row).
    private static int[] Predict(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var scores = scored.Schema["Score"].Type is VectorDataViewType
            ? scored.GetColumn<float[]>("Score").SelectMany(row => row)
            : scored.GetColumn<float>("Score");
        return scores.Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    private static ITransformer? TryLoad(byte[] file, string what)
    {
        try
        {
            return new MLContext().Model.Load(new MemoryStream(file), out _);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: Load threw {e.GetType().Name}, not InvalidDataException: {e}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Damaged_bytes_load_identically_or_fail_with_InvalidDataException(string kind)
    {
        var data = Data();
        var original = ModelZip.Save(_ml, Fit(kind, data), data.Schema);
        var expected = Predict(new MLContext().Model.Load(new MemoryStream(original), out _), data);
        var random = new Random(1234);
        int loaded = 0, refused = 0;
        for (int i = 0; i < 400 * Rounds; i++)
        {
            var file = (byte[])original.Clone();
            string what;
            switch (i % 4)
            {
                case 0 or 1:
                    int at = random.Next(file.Length), bit = random.Next(8);
                    file[at] ^= (byte)(1 << bit);
                    what = $"bit {bit} of byte {at} flipped";
                    break;
                case 2:
                    int length = random.Next(file.Length);
                    file = file[..length];
                    what = $"truncated to {length} bytes";
                    break;
                default:
                    // A 4-byte field anywhere in the file (sizes, offsets, counts) set to a hostile value.
                    int field = random.Next(file.Length - 4);
                    uint value = new uint[] { 0, 1, 0x7FFFFFFF, 0xFFFFFFFF, (uint)random.Next() }[random.Next(5)];
                    BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(field), value);
                    what = $"the 4 bytes at {field} set to {value}";
                    break;
            }
            var model = TryLoad(file, what);
            if (model is null)
            {
                refused++;
                continue;
            }
            loaded++;
            Assert.True(expected.SequenceEqual(Predict(model, data)), $"{what}: the model loaded but predicts differently");
        }
        Assert.True(refused > 0 && loaded + refused == 400 * Rounds);
    }

    private static readonly string[] HostileValues = ["-1", "0", "99", "2147483647", "99999999999", "1e308", "-1e308", "\"x\"", "null", "true", "[]", "{}", "[1,2]", "[-1]"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Edited_values_fail_with_InvalidDataException_or_load_a_model_that_predicts(string kind)
    {
        var data = Data();
        var original = ModelZip.Of(ModelZip.Save(_ml, Fit(kind, data), data.Schema));
        var random = new Random(99);
        for (int i = 0; i < 150 * Rounds; i++)
        {
            var crafted = ModelZip.Of(original.ToBytes());
            var names = crafted.Entries.Keys.Order(StringComparer.Ordinal).ToList();
            string entry = names[random.Next(names.Count)];
            string hostile = HostileValues[random.Next(HostileValues.Length)];
            string what;
            if (entry.EndsWith(".json", StringComparison.Ordinal))
            {
                var json = crafted.Json(entry);
                var slots = Slots(json).ToList();
                var (parent, key, index) = slots[random.Next(slots.Count)];
                what = $"{entry}: {key ?? index.ToString()} set to {hostile}";
                if (parent is JsonObject o)
                    o[key!] = JsonNode.Parse(hostile);
                else
                    ((JsonArray)parent)[index] = JsonNode.Parse(hostile);
                crafted.SetJson(entry, json);
            }
            else
            {
                var bytes = crafted.Entries[entry];
                int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength))!.AsObject();
                var tensor = header.Select(t => t.Key).ToList()[random.Next(header.Count)];
                string field = new[] { "shape", "dtype", "data_offsets" }[random.Next(3)];
                header[tensor]![field] = JsonNode.Parse(field == "dtype" ? "\"F16\"" : hostile);
                what = $"{entry}: {tensor}.{field} set to {header[tensor]![field]?.ToJsonString() ?? "null"}";
                var text = Encoding.UTF8.GetBytes(header.ToJsonString());
                var rebuilt = new byte[8 + text.Length + bytes.Length - 8 - headerLength];
                BinaryPrimitives.WriteUInt64LittleEndian(rebuilt, (ulong)text.Length);
                text.CopyTo(rebuilt, 8);
                bytes.AsSpan(8 + headerLength).CopyTo(rebuilt.AsSpan(8 + text.Length));
                crafted.Entries[entry] = rebuilt;
            }
            var model = TryLoad(crafted.ToBytes(), what);
            if (model is null)
                continue;
            try
            {
                Predict(model, data);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{what}: the model loaded but predicting threw {e.GetType().Name}: {e.Message}");
            }
        }
    }

    // Every place a value sits in a JSON tree: (its parent, its key in an object or its index in an array).
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                yield return (o, key, -1);
                if (child is not null)
                    foreach (var slot in Slots(child))
                        yield return slot;
            }
        }
        else if (node is JsonArray a)
        {
            for (int i = 0; i < a.Count; i++)
            {
                yield return (a, null, i);
                if (a[i] is JsonNode child)
                    foreach (var slot in Slots(child))
                        yield return slot;
            }
        }
    }
}
