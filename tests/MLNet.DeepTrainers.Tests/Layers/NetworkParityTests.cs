using System.Globalization;
using System.Text.RegularExpressions;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// Whole networks against PyTorch and Keras: a small network of mixed layers with PyTorch's weights
/// gives PyTorch's outputs, and the summary counts parameters as Keras does.
/// </summary>
public sealed partial class NetworkParityTests
{
    [Fact]
    public void A_network_with_PyTorchs_weights_gives_PyTorchs_outputs()
    {
        // Fixtures/parity.safetensors: weights, inputs and PyTorch's outputs, written by
        //   /usr/bin/python3 eng/golden/pytorch_parity.py tests/MLNet.DeepTrainers.Tests/Fixtures/parity.safetensors
        // whose modules are numbered as the library numbers them: conv 0, its ReLU 1, batch norm 2, pool 3,
        // flatten 4, dense 5, its GELU 6, PReLU 7, dense 8.
        Layer[] layers = [new Conv2D(4, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.ReLU), new BatchNormalization(), new MaxPooling2D(2),
            new Flatten(), new Dense(5, ActivationKind.GELU), new PReLU(), new Dense(3)];
        var architecture = new NetworkArchitecture([2, 8, 8], layers);
        // The library's reader takes exactly the architecture's tensors, as PyTorch names them, plus the fixture's own two.
        var expectedTensors = new Dictionary<string, long[]>(architecture.Tensors()) { ["input"] = [6, 2, 8, 8], ["expected"] = [6, 3] };
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var", "5.weight", "5.bias", "7.alpha", "8.weight", "8.bias"], architecture.Tensors().Keys);
        var tensors = SafeTensors.Read(System.IO.File.ReadAllBytes(Golden.Path("parity.safetensors")), expectedTensors, "parity.safetensors");
        var weights = tensors.Where(t => t.Key is not ("input" or "expected")).ToDictionary();

        var (output, _) = LayerParityTests.Forward(architecture, weights, tensors["input"]);
        Golden.Near(tensors["expected"].Values, output, 1e-5, "outputs");

        // The model scores the same way.
        var network = architecture.Build(seed: 1);
        NetworkWeights.Write(network, weights, "test");
        var model = new DeepModel(architecture, network, new TrainingHistory());
        var scores = new float[6 * 3];
        model.Predict(tensors["input"].Values, 6, scores);
        Golden.Near(tensors["expected"].Values, scores, 1e-5, "DeepModel.Predict");
    }

    [Fact]
    public void Summary_counts_an_MLPs_parameters_as_Keras()
    {
        // Keras: Dense(64, relu), Dense(64, relu), Dense(1) on 13 inputs.
        //   13·64 + 64 = 896;  64·64 + 64 = 4,160;  64·1 + 1 = 65;  total 896 + 4,160 + 65 = 5,121, all trainable.
        var architecture = new NetworkArchitecture([13], [new Dense(64, ActivationKind.ReLU), new Dense(64, ActivationKind.ReLU), new Dense(1)]);
        AssertSummary(architecture, [896, 4160, 65], total: 5121, trainable: 5121);
    }

    [Fact]
    public void Summary_counts_batch_normalizations_statistics_as_non_trainable_as_Keras()
    {
        // Keras: Dense(32), BatchNormalization(), Dropout(0.2), PReLU(), Dense(1) on 10 inputs.
        //   10·32 + 32 = 352;  batch norm 4·32 = 128 (gamma and beta 64 trainable, moving mean and variance 64 not);
        //   dropout 0;  PReLU one alpha per input value, 32;  32·1 + 1 = 33.
        //   Total 352 + 128 + 32 + 33 = 545; non-trainable 64; trainable 481.
        var architecture = new NetworkArchitecture([10], [new Dense(32), new BatchNormalization(), new Dropout(0.2f), new PReLU(), new Dense(1)]);
        AssertSummary(architecture, [352, 128, 0, 32, 33], total: 545, trainable: 481);
    }

    [Fact]
    public void Summary_counts_the_seeds_convnets_parameters_as_Keras()
    {
        // The seeds' convnet on 28×28×1 (Keras's model.summary() reports 93,322 total params):
        //   Conv2D(32, 3×3): 26×26×32,  3·3·1·32 + 32 = 320
        //   MaxPooling2D(2): 13×13×32,  0
        //   Conv2D(64, 3×3): 11×11×64,  3·3·32·64 + 64 = 18,496
        //   MaxPooling2D(2): 5×5×64,    0
        //   Conv2D(64, 3×3): 3×3×64,    3·3·64·64 + 64 = 36,928
        //   Flatten:         576,       0
        //   Dense(64):       64,        576·64 + 64 = 36,928
        //   Dense(10):       10,        64·10 + 10 = 650
        //   Total 320 + 18,496 + 36,928 + 36,928 + 650 = 93,322, all trainable.
        var architecture = new NetworkArchitecture([1, 28, 28],
        [
            new Conv2D(32, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2),
            new Conv2D(64, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2),
            new Conv2D(64, 3, activation: ActivationKind.ReLU), new Flatten(),
            new Dense(64, ActivationKind.ReLU), new Dense(10),
        ]);
        AssertSummary(architecture, [320, 0, 18496, 0, 36928, 0, 36928, 650], total: 93322, trainable: 93322);
        Assert.Equal([64, 3, 3], architecture.OutputShapes[4]);
        // The weights PyTorch's nn.Sequential of the same modules holds add up to the same.
        Assert.Equal(93322, architecture.Tensors().Values.Sum(shape => shape.Aggregate(1L, (a, b) => a * b)));
    }

    [Fact]
    public void Summary_counts_recurrent_layers_parameters_as_Keras()
    {
        // Deep Learning with Python's IMDB networks, Embedding(10000, 32) on 500 steps (320,000 weights), then
        //   SimpleRNN(32): kernel 32·32 + recurrent kernel 32·32 + one bias 32 = 2,080
        //   LSTM(32):      4 gates × (32·32 + 32·32 + 32) = 8,320 (one bias, as Keras: PyTorch's second stays out)
        //   GRU(32):       3 gates × (32·32 + 32·32) + 2 bias rows × 3·32 = 6,336 (reset_after, Keras 2's default)
        //   Bidirectional(LSTM(32)): twice the LSTM, 16,640
        //   Dense(1) on 32 (64 after Bidirectional): 33 (65).
        foreach (var (recurrent, count, output) in new (Layer, long, int)[] { (new SimpleRNN(32), 2080, 32), (new LSTM(32), 8320, 32), (new GRU(32), 6336, 32), (new Bidirectional(new LSTM(32)), 16640, 64) })
        {
            var architecture = new NetworkArchitecture([500], [new Embedding(10000, 32), recurrent, new Dense(1)]);
            long dense = output + 1;
            AssertSummary(architecture, [320000, count, dense], total: 320000 + count + dense, trainable: 320000 + count + dense);
        }
    }

    [Fact]
    public void Summary_counts_the_IMDB_convnets_parameters_as_Keras()
    {
        // Deep Learning with Python's 1-D convnet on 500 steps (Keras's summary: 1,315,937 params):
        //   Embedding(10000, 128):   (500, 128),  10,000·128 = 1,280,000
        //   Conv1D(32, 7, relu):     (494, 32),   7·128·32 + 32 = 28,704
        //   MaxPooling1D(5):         (98, 32),    0
        //   Conv1D(32, 7, relu):     (92, 32),    7·32·32 + 32 = 7,200
        //   GlobalMaxPooling1D:      (32),        0
        //   Dense(1):                (1),         32 + 1 = 33
        var architecture = new NetworkArchitecture([500],
        [
            new Embedding(10000, 128), new Conv1D(32, 7, activation: ActivationKind.ReLU), new MaxPooling1D(5),
            new Conv1D(32, 7, activation: ActivationKind.ReLU), new GlobalMaxPooling1D(), new Dense(1),
        ]);
        AssertSummary(architecture, [1280000, 28704, 0, 7200, 0, 33], total: 1315937, trainable: 1315937);
        Assert.Equal([[500, 128], [494, 32], [98, 32], [92, 32], [32], [1]], architecture.OutputShapes);
        Assert.Contains(" conv1d_1 (Conv1D)                 (None, 92, 32)", architecture.Summary(), StringComparison.Ordinal);
    }

    private static void AssertSummary(NetworkArchitecture architecture, long[] perLayer, long total, long trainable)
    {
        Assert.Equal(perLayer, architecture.Layers.Select((l, i) => l.ParameterCount(architecture.InputOf(i)) + l.NonTrainableParameterCount(architecture.InputOf(i))));
        Assert.Equal(trainable, architecture.ParameterCount);
        Assert.Equal(total - trainable, architecture.NonTrainableParameterCount);

        string summary = architecture.Summary();
        var rows = LayerRow().Matches(summary).Select(m => long.Parse(m.Groups["count"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(perLayer, rows);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Total params: {total:N0}\n"), summary.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Trainable params: {trainable:N0}\n"), summary.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Non-trainable params: {total - trainable:N0}\n"), summary.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    // A layer's row: " dense_1 (Dense)   (None, 64)   4,160".
    [GeneratedRegex(@"^ \w+ \(\w+\)\s+\(None, [\d, ]+\)\s+(?<count>[\d,]+)$", RegexOptions.Multiline)]
    private static partial Regex LayerRow();
}
