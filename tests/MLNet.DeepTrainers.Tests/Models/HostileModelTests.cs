using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Models;

/// <summary>
/// Model files crafted the way an attacker would, each from a defect that once crashed the process,
/// exhausted memory or loaded silently wrong. Every one must now fail with InvalidDataException (or,
/// where the file describes a valid model, load and predict what hand computation says).
/// </summary>
public class HostileModelTests
{
    public sealed class Wide
    {
        public float Label { get; set; }
        [VectorType(16)] public float[] Features { get; set; } = [];
    }


    private readonly MLContext _ml = new(seed: 5);

    private IDataView Data() => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new Wide
    {
        Label = i % 5,
        Features = Enumerable.Range(0, 16).Select(j => (float)((i * 7 + j) % 11)).ToArray(),
    }).ToList());

    private (byte[] File, IDataView Data) Network()
    {
        var data = Data();
        var model = _ml.Regression.Trainers.Mlp(new MlpOptions { HiddenLayers = [2], Epochs = 1 }).Fit(data);
        return (ModelZip.Save(_ml, model, data.Schema), data);
    }

    private const string Stage = "stages/0/parameters.json";
    private const string Weights = "stages/0/weights.safetensors";

    [Fact]
    public void An_input_shape_whose_size_overflows_int_fails_the_load_instead_of_reading_past_a_buffer()
    {
        // Once: (1, 65536, 65537) before GlobalAveragePooling2D multiplied in int, wrapped, and the shim read 4.3e9 floats.
        var file = ModelZip.Of(Network().File).EditJson(Stage, stage =>
        {
            stage["inputShape"] = new JsonArray(1, 65536, 65537);
            stage["layers"] = JsonNode.Parse("""[{"layer":"GlobalAveragePooling2D"},{"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]""");
        }).ToBytes();
        var error = ModelZip.LoadFails(file);
        Assert.Contains("too large", error.Message);
    }

    [Fact]
    public void A_convolution_with_a_huge_stride_is_sized_the_same_by_CSharp_and_libtorch()
    {
        // Once: Same padding with strides of int.MaxValue made C# infer a 0-wide output while libtorch made 1 value per filter.
        var crafted = ModelZip.Of(Network().File).EditJson(Stage, stage =>
        {
            stage["inputShape"] = new JsonArray(1, 4, 4);
            stage["layers"] = JsonNode.Parse($$"""
                [{"layer":"Conv2D","Filters":1,"KernelSize":3,"Strides":{{int.MaxValue}},"Padding":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null},
                 {"layer":"Flatten"},
                 {"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]
                """);
        });
        crafted.Entries[Weights] = ModelZip.SafeTensorsOf(
            ("0.weight", [1, 1, 3, 3], Enumerable.Repeat(1f, 9).ToArray()), ("0.bias", [1], [0.5f]),
            ("2.weight", [1, 1], [2f]), ("2.bias", [1], [0f]));
        var model = new MLContext().Model.Load(new MemoryStream(crafted.ToBytes()), out _);

        var row = new Wide { Features = Enumerable.Range(0, 16).Select(i => (float)i).ToArray() };
        var score = new MLContext().Model.CreatePredictionEngine<Wide, ScoredRow>(model).Predict(row).Score;
        // Hand computed: one kernel position (the top-left 3×3 of a 4×4 image: 0+1+2+4+5+6+8+9+10 = 45), plus 0.5, times 2.
        Assert.Equal(91f, score);
    }

    [Fact]
    public void A_huge_layer_without_its_weights_fails_before_allocating_them()
    {
        // Once: Dense(250000000) with no weights made Load allocate tens of GB before noticing.
        var crafted = ModelZip.Of(Network().File).EditJson(Stage, stage =>
            stage["layers"] = JsonNode.Parse("""[{"layer":"Dense","Units":250000000,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null},{"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]"""));
        crafted.Entries.Remove(Weights);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = ModelZip.LoadFails(crafted.ToBytes());

        Assert.Contains("lacks its weights entry", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000_000, "the load allocated for weights it did not have");
    }

    [Theory]
    [InlineData("""[{"layer":"Embedding","InputDim":2000000000,"OutputDim":2000000000,"MaskZero":false},{"layer":"GlobalAveragePooling1D"},{"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]""", "too large")]
    [InlineData("""[{"layer":"Embedding","InputDim":2000000000,"OutputDim":64,"MaskZero":false},{"layer":"GlobalAveragePooling1D"},{"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]""", "lacks its weights entry")]
    [InlineData("""[{"layer":"Embedding","InputDim":12,"OutputDim":4,"MaskZero":false},{"layer":"Bidirectional","Layer":{"layer":"LSTM","Units":1000000000,"ReturnSequences":false,"Dropout":0,"RecurrentDropout":0}},{"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]""", "lacks its weights entry")]
    [InlineData("""[{"layer":"Embedding","InputDim":12,"OutputDim":4,"MaskZero":true},{"layer":"Flatten"},{"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]""", "maskZero")]
    [InlineData("""[{"layer":"Dense","Units":4,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null},{"layer":"Embedding","InputDim":12,"OutputDim":4,"MaskZero":false}]""", "first layer")]
    public void Sequence_layers_a_file_cannot_fit_fail_the_load_before_allocating(string layers, string message)
    {
        var crafted = ModelZip.Of(Network().File).EditJson(Stage, stage => stage["layers"] = JsonNode.Parse(layers));
        crafted.Entries.Remove(Weights);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = ModelZip.LoadFails(crafted.ToBytes());

        Assert.Contains(message, error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000_000, "the load allocated for weights it did not have");
    }

    [Fact]
    public void A_tree_stage_with_millions_of_outputs_fails_the_load_instead_of_overflowing_the_stack()
    {
        var data = Data();
        var trees = _ml.Regression.Trainers.FastTree(numberOfTrees: 2, numberOfLeaves: 4, minimumExampleCountPerLeaf: 2).Fit(data);
        var crafted = ModelZip.Of(ModelZip.Save(_ml, trees, data.Schema)).EditJson(Stage, stage =>
            stage["bias"] = new JsonArray(Enumerable.Range(0, 2_000_000).Select(_ => (JsonNode?)0.0).ToArray()));
        var error = ModelZip.LoadFails(crafted.ToBytes());
        Assert.Contains("tree classes do not match", error.Message);
    }

    [Fact]
    public void A_json_entry_that_inflates_past_the_limit_is_refused_by_its_declared_size()
    {
        // 200 MB of spaces deflate to about 200 kB: a bomb. It is refused before anything is inflated.
        var crafted = ModelZip.Of(Network().File);
        crafted.Entries[Stage] = Encoding.ASCII.GetBytes(new string(' ', 200 << 20) + "{}");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = ModelZip.LoadFails(crafted.ToBytes(CompressionLevel.SmallestSize));
        Assert.Contains("more than the", error.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_entry_that_inflates_past_the_size_it_declares_stops_there()
    {
        // The bomb again, now with its declared size forged down to 100 bytes in both zip headers.
        var crafted = ModelZip.Of(Network().File);
        crafted.Entries[Stage] = Encoding.ASCII.GetBytes(new string(' ', 50 << 20) + "{}");
        var file = crafted.ToBytes(CompressionLevel.SmallestSize);
        ForgeUncompressedSize(file, Stage, 100);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = ModelZip.LoadFails(file);

        // Reading stops at the declared 100 bytes (no 50 MB buffer), and those fail the CRC of the real content.
        Assert.Contains("stages/0/parameters.json", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "the load inflated past the declared size");
    }

    // Overwrites the uncompressed size of entry `name` in its local header (offset 22) and its central directory record (offset 24).
    private static void ForgeUncompressedSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (int i = 0; i + 46 < zip.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            int nameAt = signature == 0x04034b50 ? 30 : signature == 0x02014b50 ? 46 : -1;
            if (nameAt < 0 || i + nameAt + nameBytes.Length > zip.Length || !zip.AsSpan(i + nameAt, nameBytes.Length).SequenceEqual(nameBytes))
                continue;
            BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + (signature == 0x04034b50 ? 22 : 24)), size);
        }
    }

    [Fact]
    public void A_changed_byte_inside_an_entry_fails_its_CRC_check()
    {
        // Stored (not deflated), so the flipped bit inflates fine: only the CRC can notice. Python's zipfile reports it too.
        var file = ModelZip.Of(Network().File).ToBytes(CompressionLevel.NoCompression);
        var weights = ModelZip.Of(file).Entries[Weights];
        int at = file.AsSpan().IndexOf(weights.AsSpan(0, 64)) + weights.Length - 3;
        file[at] ^= 0x10;

        var error = ModelZip.LoadFails(file);

        Assert.Contains("CRC-32", error.Message);
    }

    public static TheoryData<string, string, string> DamagedValues() => new()
    {
        // entry, JSON path edit (as "key=json"), what the message names
        { Stage, "inputShape=[-16]", "too large" },
        { Stage, "outputActivation=99", "99" },
        { Stage, """layers=[{"Units":1}]""", "layers" },
        { Stage, """layers=[{"layer":"Activation","Kind":99},{"layer":"Dense","Units":1,"Activation":0,"UseBias":true,"KernelInitializer":0,"KernelL1":0,"KernelL2":0,"MaxNorm":null}]""", "99" },
        { "manifest.json", """inputSchema=[{"name":"Features","type":"Vector:99999999999"}]""", "Vector:99999999999" },
        { "manifest.json", """inputSchema=[{"name":"Label","type":"Key:-1"}]""", "Key:-1" },
        { "manifest.json", """inputSchema=[{"name":"Keys","type":"Vector<Vector<Key:3>:2>:2"}]""", "Vector<Vector<Key:3>:2>:2" },
        { "manifest.json", """inputSchema=[{"name":"Keys","type":"Vector<Key:0>:2"}]""", "'Key:0'" },
        { "manifest.json", "formatVersion=\"one\"", "formatVersion" },
        { "manifest.json", """stages=[{"kind":"RegressionPrediction","folder":"../../etc"}]""", "stages/0" },
    };

    [Theory]
    [MemberData(nameof(DamagedValues))]
    public void A_damaged_value_is_an_InvalidDataException_naming_it(string entry, string edit, string named)
    {
        var (key, value) = (edit[..edit.IndexOf('=')], edit[(edit.IndexOf('=') + 1)..]);
        var file = ModelZip.Of(Network().File).EditJson(entry, json => json[key] = JsonNode.Parse(value)).ToBytes();
        Assert.Contains(named, ModelZip.LoadFails(file).Message);
    }

    private byte[] Binning()
    {
        var data = Data();
        return ModelZip.Save(_ml, _ml.Transforms.NormalizeBinning("Features", maximumBinCount: 4).Fit(data), data.Schema);
    }

    [Theory]
    [InlineData("binCounts=[1]", "bin counts for 16 slots")]
    [InlineData("binCounts=[0,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4]", "0 bins")]
    [InlineData("binCounts=[2147483647,2147483647,4,4,4,4,4,4,4,4,4,4,4,4,4,4]", "more than an array holds")]
    [InlineData("function=\"quantile\"", "'quantile'")]
    public void A_damaged_binning_normalizer_is_refused_naming_what_is_wrong(string edit, string named)
    {
        var (key, value) = (edit[..edit.IndexOf('=')], edit[(edit.IndexOf('=') + 1)..]);
        var file = ModelZip.Of(Binning()).EditJson(Stage, stage => stage["columns"]![0]![key] = JsonNode.Parse(value)).ToBytes();
        Assert.Contains(named, ModelZip.LoadFails(file).Message);
    }

    [Fact]
    public void A_normalizer_of_a_vector_whose_size_varies_is_refused_before_a_slot_index_runs_past_its_parameters()
    {
        var file = ModelZip.Of(Binning()).EditJson(Stage, stage => stage["columns"]![0]!["type"] = "Vector:0").ToBytes();
        Assert.Contains("known size", ModelZip.LoadFails(file).Message);
    }

    [Fact]
    public void Bin_bounds_that_do_not_rise_are_refused_before_a_binary_search_trusts_them()
    {
        var zip = ModelZip.Of(Binning());
        var bounds = Enumerable.Range(0, 16).SelectMany(_ => new[] { 5f, 1f, 2f, float.PositiveInfinity }).ToArray();
        zip.Entries[Weights] = ModelZip.SafeTensorsOf(("0.upperBounds", [bounds.Length], bounds));
        var file = zip.EditJson(Stage, stage => stage["columns"]![0]!["binCounts"] = new JsonArray(Enumerable.Repeat(4, 16).Select(n => (JsonNode)n).ToArray())).ToBytes();
        Assert.Contains("do not rise strictly", ModelZip.LoadFails(file).Message);
    }

    [Fact]
    public void Duplicate_keys_and_duplicate_tensor_names_are_refused()
    {
        var crafted = ModelZip.Of(Network().File);
        var manifest = Encoding.UTF8.GetString(crafted.Entries["manifest.json"]);
        string version = $"\"formatVersion\": {MLNet.DeepTrainers.Models.ModelFile.FormatVersion}";
        Assert.Contains(version, manifest);
        crafted.SetText("manifest.json", manifest.Replace(version, $"{version}, {version}", StringComparison.Ordinal));
        Assert.Contains("Duplicate", ModelZip.LoadFails(crafted.ToBytes()).Message);

        crafted = ModelZip.Of(Network().File);
        var weights = crafted.Entries[Weights];
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(weights);
        var header = Encoding.UTF8.GetString(weights, 8, headerLength);
        int second = header.IndexOf("\"0.bias\"", StringComparison.Ordinal);
        var forged = header.Remove(second, "\"0.bias\"".Length).Insert(second, "\"0.weight\"")[..headerLength];
        Assert.Equal(headerLength, Encoding.UTF8.GetByteCount(forged.PadRight(headerLength)));
        Encoding.UTF8.GetBytes(forged.PadRight(headerLength)).CopyTo(weights, 8);
        Assert.Contains("not a valid safetensors file", ModelZip.LoadFails(crafted.ToBytes()).Message);
    }

    [Fact]
    public void A_tensor_the_architecture_does_not_have_is_refused_not_kept_and_written_back()
    {
        var crafted = ModelZip.Of(Network().File);
        var model = new MLContext().Model.Load(new MemoryStream(crafted.ToBytes()), out _);
        var weights = ((RegressionPredictionTransformer<SequentialModel>)((TransformerChain<ITransformer>)model).Last()).Model.Weights;
        crafted.Entries[Weights] = ModelZip.SafeTensorsOf([.. weights.Select(w => (w.Key, w.Value.Shape, w.Value.Values)), ("payload", [4], [1, 2, 3, 4])]);

        Assert.Contains("'payload', which the architecture does not have", ModelZip.LoadFails(crafted.ToBytes()).Message);
    }

    [Fact]
    public void Changing_the_weights_a_model_hands_out_changes_neither_its_predictions_nor_its_file()
    {
        var (file, data) = Network();
        var model = new MLContext().Model.Load(new MemoryStream(file), out var schema);
        var network = ((RegressionPredictionTransformer<SequentialModel>)((TransformerChain<ITransformer>)model).Last()).Model;
        float[] Scores() => _ml.Data.CreateEnumerable<ScoredRow>(model.Transform(data), false).Select(s => s.Score).ToArray();
        var before = Scores();

        network.Weights["0.weight"].Values[0] += 100;

        Assert.Equal(before, Scores());
        Assert.Equal(ModelZip.Of(file).Entries[Weights], ModelZip.Of(ModelZip.Save(_ml, model, schema)).Entries[Weights]);
    }

    [Theory]
    [InlineData(Stage)]
    [InlineData(Weights)]
    public void Invalid_UTF8_in_a_JSON_name_is_a_damaged_file_not_a_crash(string entry)
    {
        // Once: System.Text.Json checks names only when first read, and threw InvalidOperationException then.
        var zip = ModelZip.Of(Network().File);
        var bytes = zip.Entries[entry];
        int quote = Array.IndexOf(bytes, (byte)'"', entry == Weights ? 8 : 0);
        bytes[quote + 1] = 0xC7;
        Assert.Contains("UTF-8", ModelZip.LoadFails(zip.ToBytes()).Message);
    }
}
