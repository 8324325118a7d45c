using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// Every layer kind's outputs against PyTorch's, to 1e-5. The golden values are in
/// Fixtures/layer_outputs.safetensors, written by
/// <c>/usr/bin/python3 eng/golden/layer_outputs.py tests/MLNet.DeepTrainers.Tests/Fixtures/layer_outputs.safetensors</c>
/// (Debian's python3-torch), which computes each case with Keras's semantics spelled out in
/// torch.nn.functional. Each case here is the script's case of the same name, as the library's layers:
/// the test checks the fixture's weights carry exactly the library's PyTorch names and shapes, loads
/// them, runs the network and compares; a case with a multi-dimensional output gets a trailing Flatten,
/// after the test checks the inferred output shape is PyTorch's.
/// </summary>
public sealed class LayerParityTests
{
    private const string File = "layer_outputs.safetensors";

    private static readonly ActivationKind[] Activations =
        [ActivationKind.ReLU, ActivationKind.LeakyReLU, ActivationKind.ELU, ActivationKind.SELU, ActivationKind.Sigmoid, ActivationKind.Tanh, ActivationKind.Softmax, ActivationKind.Swish, ActivationKind.GELU];

    private static readonly Dictionary<string, (int[] Input, Layer[] Layers)> Cases = BuildCases();

    private static Dictionary<string, (int[] Input, Layer[] Layers)> BuildCases()
    {
        var cases = new Dictionary<string, (int[] Input, Layer[] Layers)>
        {
            ["dense"] = ([5], [new Dense(3)]),
            ["dense_no_bias"] = ([5], [new Dense(3, useBias: false)]),
            ["dense_steps"] = ([3, 4], [new Dense(2)]),
            ["activation_Softmax_steps"] = ([3, 4], [new Activation(ActivationKind.Softmax)]),
            ["conv_valid"] = ([2, 7, 6], [new Conv2D(3, 3)]),
            ["conv_valid_stride2"] = ([2, 7, 6], [new Conv2D(3, 3, strides: 2)]),
            ["conv_same"] = ([2, 7, 6], [new Conv2D(3, 3, padding: Padding.Same)]),
            // Keras pads an even kernel's 3 rows and columns 1 before and 2 after.
            ["conv_same_even_kernel"] = ([2, 7, 6], [new Conv2D(2, 4, padding: Padding.Same)]),
            // 8 rows at stride 2 pad 0 before, 1 after; 7 columns pad 1 and 1: asymmetric one way only.
            ["conv_same_stride2"] = ([2, 8, 7], [new Conv2D(3, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.ReLU)]),
            ["conv_same_stride2_no_bias"] = ([2, 7, 8], [new Conv2D(2, 2, strides: 2, padding: Padding.Same, useBias: false)]),
            ["conv_one_channel"] = ([1, 7, 6], [new Conv2D(3, 3)]),
            ["conv_one_channel_same_stride2"] = ([1, 8, 7], [new Conv2D(3, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.ReLU)]),
            ["conv_one_channel_same_even_kernel"] = ([1, 7, 6], [new Conv2D(2, 4, padding: Padding.Same, useBias: false)]),
            ["max_pooling"] = ([2, 7, 6], [new MaxPooling2D(2)]),
            ["max_pooling_3_stride_2"] = ([2, 7, 6], [new MaxPooling2D(3, strides: 2)]),
            ["average_pooling"] = ([2, 7, 6], [new AveragePooling2D(2)]),
            ["average_pooling_3_stride_1"] = ([2, 7, 6], [new AveragePooling2D(3, strides: 1)]),
            ["global_average_pooling"] = ([3, 5, 4], [new GlobalAveragePooling2D()]),
            ["batch_norm"] = ([6], [new BatchNormalization()]),
            ["batch_norm_image"] = ([3, 4, 5], [new BatchNormalization()]),
            ["batch_norm_epsilon"] = ([6], [new BatchNormalization(epsilon: 1e-2)]),
            ["flatten"] = ([2, 3, 4], [new Flatten(), new Dense(3)]),
            ["reshape_image"] = ([24], [new Reshape(2, 3, 4), new Conv2D(2, 2)]),
            ["reshape_steps"] = ([2, 3, 4], [new Reshape(4, 6), new Dense(2)]),
            ["dropout"] = ([5], [new Dense(4, ActivationKind.ReLU), new Dropout(0.5f), new Dense(2)]),
            ["leaky_relu"] = ([6], [new LeakyReLU()]),
            ["leaky_relu_0_1"] = ([6], [new LeakyReLU(0.1f)]),
            ["prelu"] = ([6], [new PReLU()]),
            ["prelu_image"] = ([2, 3, 4], [new PReLU()]),
        };
        foreach (var kind in Activations)
        {
            cases[$"dense_{kind}"] = ([5], [new Dense(4, kind)]);
            cases[$"activation_{kind}"] = ([6], [new Activation(kind)]);
        }
        return cases;
    }

    private static readonly Dictionary<string, (int[] Input, Layer[] Layers)> TrainingCases = new()
    {
        ["batch_norm_training"] = ([6], [new BatchNormalization()]),
        ["batch_norm_image_training"] = ([3, 4, 5], [new BatchNormalization()]),
        ["batch_norm_momentum_training"] = ([6], [new BatchNormalization(momentum: 0.9)]),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    public static TheoryData<string> TrainingCaseNames() => [.. TrainingCases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_layer_gives_PyTorchs_outputs(string name)
    {
        var (input, layers) = Cases[name];
        var (output, _) = Run(name, input, layers, training: false);
        Golden.Near(Golden.Fixture(File)[$"{name}/expected"].Floats, output, 1e-5, name);
    }

    [Theory]
    [MemberData(nameof(TrainingCaseNames))]
    public void Batch_normalization_in_training_normalises_by_the_batch_and_moves_its_running_statistics_as_PyTorch(string name)
    {
        var (input, layers) = TrainingCases[name];
        var (output, weights) = Run(name, input, layers, training: true);
        var fixture = Golden.Fixture(File);
        Golden.Near(fixture[$"{name}/expected"].Floats, output, 1e-5, name);
        foreach (var statistic in new[] { "0.running_mean", "0.running_var" })
        {
            var before = fixture[$"{name}/{statistic}"].Floats;
            var after = fixture[$"{name}/after/{statistic}"].Floats;
            // One training batch moves the statistics, by 1 - momentum of the way to the batch's.
            Assert.True(before.Zip(after).All(p => Math.Abs(p.First - p.Second) > 1e-4), $"{name}: the fixture's {statistic} did not move");
            Golden.Near(after, weights[statistic].Values, 1e-6, $"{name} {statistic}");
        }
    }

    [Fact]
    public void Every_activation_kind_but_Linear_has_a_case_after_Dense_and_on_its_own()
    {
        var kinds = Enum.GetValues<ActivationKind>().Where(k => k != ActivationKind.Linear);
        Assert.Equal(kinds.Order(), Activations.Order());
        Assert.All(Cases.Keys.Concat(TrainingCases.Keys), name => Assert.True(Golden.Fixture(File).ContainsKey($"{name}/expected"), $"the fixture has no case {name}"));
        Assert.Equal(Golden.Fixture(File).Keys.Where(k => k.EndsWith("/expected", StringComparison.Ordinal)).Select(k => k[..^"/expected".Length]).Order(),
            Cases.Keys.Concat(TrainingCases.Keys).Order());
    }

    /// <summary>
    /// The case's network with the fixture's weights, on the fixture's input: its flat outputs and its
    /// weights after the forward pass. The inferred output shape must be PyTorch's.
    /// </summary>
    private static (float[] Output, Dictionary<string, NamedTensor> Weights) Run(string name, int[] input, Layer[] layers, bool training)
    {
        var fixture = Golden.Fixture(File);
        var x = fixture[$"{name}/input"];
        var expected = fixture[$"{name}/expected"];
        Assert.Equal(input, x.Shape[1..].Select(d => (int)d).ToArray());

        var inner = new NetworkArchitecture(input, layers.Append(new Flatten()).ToArray());
        Assert.Equal(expected.Shape[1..].Select(d => (int)d).ToArray(), inner.OutputShapes[layers.Length - 1]);
        var architecture = expected.Shape.Length > 2 ? inner : new NetworkArchitecture(input, layers);

        var weights = Golden.Weights(fixture, name);
        var names = architecture.Tensors();
        Assert.Equal(names.Keys.Order(), weights.Keys.Order());
        foreach (var (tensor, shape) in names)
            Assert.Equal(shape, weights[tensor].Shape);
        return Forward(architecture, weights, x.ToNamed(), training);
    }

    /// <summary>The outputs of <paramref name="architecture"/> with <paramref name="weights"/> for <paramref name="input"/> ([rows, ...]), in training or inference mode, and the weights after.</summary>
    internal static (float[] Output, Dictionary<string, NamedTensor> Weights) Forward(NetworkArchitecture architecture, IReadOnlyDictionary<string, NamedTensor> weights, NamedTensor input, bool training = false)
    {
        // The library's loader first: a test's own torch call must not be the process's first.
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var network = architecture.Build(seed: 1);
        NetworkWeights.Write(network, weights, "test");
        if (training)
            network.train();
        else
            network.eval();
        using var noGrad = torch.no_grad();
        var x = torch.tensor(input.Values, [input.Shape[0], architecture.InputSize]);
        var y = network.forward(x).contiguous();
        Assert.Equal(new[] { input.Shape[0], architecture.OutputWidth }, y.shape);
        return (y.data<float>().ToArray(), NetworkWeights.Read(network));
    }
}
