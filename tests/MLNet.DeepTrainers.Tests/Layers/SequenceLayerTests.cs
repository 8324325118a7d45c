using TorchSharp;
using Tensor = TorchSharp.torch.Tensor;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// The sequence layers (Embedding, Conv1D, the 1-D poolings, SimpleRNN, LSTM, GRU, Bidirectional) and Keras's
/// masking against PyTorch, to 1e-5. The golden values are in Fixtures/sequence_layers.safetensors, written by
/// <c>/usr/bin/python3 eng/golden/sequence_layers.py tests/MLNet.DeepTrainers.Tests/Fixtures/sequence_layers.safetensors</c>
/// (Debian's python3-torch): small networks of PyTorch's own modules (masked rows run on their real tokens
/// alone), their outputs and one SGD step, and Keras's recurrent equations written out in torch ops on
/// Keras-layout weights, with Keras's masking.
/// </summary>
public sealed class SequenceLayerTests
{
    private const string File = "sequence_layers.safetensors";
    private const int Steps = 9, Vocabulary = 10, Width = 4;

    // The script's cases of the same names, as the library's layers.
    private static readonly Dictionary<string, Layer[]> Cases = new()
    {
        ["lstm"] = [new Embedding(Vocabulary, Width), new LSTM(3), new Dense(2)],
        ["simple_rnn"] = [new Embedding(Vocabulary, Width), new SimpleRNN(3), new Dense(2)],
        ["gru_sequences"] = [new Embedding(Vocabulary, Width), new GRU(3, returnSequences: true), new Flatten(), new Dense(2)],
        ["bidirectional_lstm"] = [new Embedding(Vocabulary, Width), new Bidirectional(new LSTM(3)), new Dense(2)],
        ["bidirectional_gru_sequences"] = [new Embedding(Vocabulary, Width), new Bidirectional(new GRU(2, returnSequences: true)), new Flatten(), new Dense(2)],
        ["stacked"] = [new Embedding(Vocabulary, Width), new LSTM(3, returnSequences: true), new GRU(2), new Dense(2)],
        ["masked_lstm"] = [new Embedding(Vocabulary, Width, maskZero: true), new LSTM(3), new Dense(2)],
        ["masked_bidirectional_gru"] = [new Embedding(Vocabulary, Width, maskZero: true), new Bidirectional(new GRU(3)), new Dense(2)],
        ["masked_simple_rnn_sequences"] = [new Embedding(Vocabulary, Width, maskZero: true), new SimpleRNN(3, returnSequences: true),
            new Dense(3, ActivationKind.ReLU), new Dropout(0.5f), new GlobalAveragePooling1D(), new Dense(2)],
        ["masked_bidirectional_lstm_sequences"] = [new Embedding(Vocabulary, Width, maskZero: true), new Bidirectional(new LSTM(2, returnSequences: true)),
            new Activation(ActivationKind.Tanh), new GlobalMaxPooling1D(), new Dense(2)],
        ["masked_average"] = [new Embedding(Vocabulary, Width, maskZero: true), new GlobalAveragePooling1D(), new Dense(2)],
        ["conv1d"] = [new Embedding(Vocabulary, Width), new Conv1D(5, 4, padding: Padding.Same), new MaxPooling1D(2),
            new Conv1D(3, 2, strides: 2, activation: ActivationKind.ReLU), new GlobalMaxPooling1D(), new Dense(2)],
        ["conv1d_same_stride"] = [new Embedding(Vocabulary, Width), new Conv1D(3, 2, strides: 2, padding: Padding.Same), new AveragePooling1D(3, strides: 1), new Flatten(), new Dense(2)],
        ["pool_dense"] = [new Embedding(Vocabulary, Width), new AveragePooling1D(3, strides: 2), new Dense(3, ActivationKind.ReLU), new GlobalAveragePooling1D(), new Dense(2)],
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Fact]
    public void Every_case_of_the_fixture_has_its_network()
    {
        var fixture = Golden.Fixture(File);
        Assert.Equal(fixture.Keys.Where(k => k.EndsWith("/out", StringComparison.Ordinal) && !k.StartsWith("keras_", StringComparison.Ordinal)).Select(k => k[..^"/out".Length]).Order(), Cases.Keys.Order());
    }

    /// <summary>
    /// The network with the script's starting weights gives PyTorch's outputs, then one SGD step (learning rate
    /// 0.5, mean squared error) lands on PyTorch's weights: the gradients of every weight are PyTorch's, and
    /// the weights are exactly the layers' tensors (no second bias for SimpleRNN and LSTM, as in Keras).
    /// Inference mode, as the script's: dropout passes everything through.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_sequence_network_gives_PyTorchs_outputs_and_SGD_step(string name)
    {
        var fixture = Golden.Fixture(File);
        var architecture = new NetworkArchitecture([Steps], Cases[name]);
        var start = Golden.Weights(fixture, $"{name}/start");
        Assert.Equal(architecture.Tensors().Keys.Order(), start.Keys.Order());
        foreach (var (tensor, shape) in architecture.Tensors())
            Assert.Equal(shape, start[tensor].Shape);

        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var network = architecture.Build(seed: 1);
        NetworkWeights.Write(network, start, "test");
        network.eval();
        var x = fixture[$"{name}/x"];
        var y = fixture[$"{name}/y"];
        var output = network.forward(torch.tensor(x.Floats, x.Shape));
        Golden.Near(fixture[$"{name}/out"].Floats, output.contiguous().data<float>().ToArray(), 1e-5, $"{name} outputs");

        Assert.Equal(architecture.Tensors().Keys, network.named_parameters().Select(p => p.name));
        using var sgd = new Sgd(0.5).Create(network.parameters());
        torch.nn.functional.mse_loss(output, torch.tensor(y.Floats, y.Shape)).backward();
        sgd.Step();
        var after = NetworkWeights.Read(network);
        Assert.Equal(start.Keys.Order(), after.Keys.Order());
        foreach (var (tensor, values) in after)
            Golden.Near(fixture[$"{name}/after/{tensor}"].Floats, values.Values, 1e-5, $"{name} {tensor} after one step");
    }

    /// <summary>
    /// A recurrent layer given Keras's weights (mapped onto PyTorch's layout as the README says) computes Keras's
    /// equations, every step's output: without a mask (the fused kernel), with Keras's masking of padded steps
    /// anywhere in a row and a row of padding alone (the step loop), and both ways, as Keras's Bidirectional.
    /// </summary>
    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("simple_rnn")]
    public void A_recurrent_layer_computes_Keras_equations_with_Keras_masking(string cell)
    {
        var fixture = Golden.Fixture(File);
        RecurrentLayer layer = cell switch
        {
            "lstm" => new LSTM(3, returnSequences: true),
            "gru" => new GRU(3, returnSequences: true),
            _ => new SimpleRNN(3, returnSequences: true),
        };
        var forward = KerasWeights(fixture, cell, layer, "", "");
        var both = forward.Concat(KerasWeights(fixture, cell, layer, "back_", "_reverse")).ToDictionary();
        var x = fixture[$"keras_{cell}/x"];

        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(x.Floats, x.Shape);
        var mask = torch.tensor(fixture[$"keras_{cell}/mask"].Floats, x.Shape[..2]).to(torch.@bool);
        using var noGrad = torch.no_grad();

        using var draws = new torch.Generator(1);
        using var one = new RecurrentModule(layer, Width, bidirectional: false, draws);
        NetworkWeights.Write(one, forward, "test");
        one.eval();
        Golden.Near(fixture[$"keras_{cell}/out"].Floats, Values(one.forward(input)), 1e-5, $"{cell} without a mask");
        Golden.Near(fixture[$"keras_{cell}/masked_out"].Floats, Values(one.Forward(input, mask)), 1e-5, $"{cell} masked");

        using var two = new RecurrentModule(layer, Width, bidirectional: true, draws);
        NetworkWeights.Write(two, both, "test");
        two.eval();
        Golden.Near(fixture[$"keras_{cell}/bidirectional_masked_out"].Floats, Values(two.Forward(input, mask)), 1e-5, $"{cell} masked, both ways");
    }

    /// <summary>
    /// The step loop (which masks and recurrent dropout need) and libtorch's fused kernel compute the same
    /// outputs and gradients when no step is padding: the loop's equations are the kernel's.
    /// </summary>
    [Theory]
    [InlineData("lstm", false)]
    [InlineData("gru", false)]
    [InlineData("simple_rnn", false)]
    [InlineData("lstm", true)]
    [InlineData("gru", true)]
    public void The_step_loop_and_the_fused_kernel_agree_without_padding(string cell, bool bidirectional)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        foreach (bool sequences in new[] { false, true })
        {
            RecurrentLayer layer = cell switch
            {
                "lstm" => new LSTM(5, returnSequences: sequences),
                "gru" => new GRU(5, returnSequences: sequences),
                _ => new SimpleRNN(5, returnSequences: sequences),
            };
            using var draws = new torch.Generator(4);
            using var module = new RecurrentModule(layer, 3, bidirectional, draws);
            module.train();
            var input = torch.randn(4, 7, 3, generator: draws);
            var (fused, fusedGradients) = OutputsAndGradients(module, () => module.forward(input));
            var (loop, loopGradients) = OutputsAndGradients(module, () => module.Forward(input, torch.ones(4, 7, dtype: torch.@bool)));
            Golden.Near(fused, loop, 1e-5, $"{cell} outputs");
            foreach (var (name, gradient) in fusedGradients)
                Golden.Near(gradient, loopGradients[name], 1e-5, $"{cell} gradient of {name}");
        }
    }

    /// <summary>
    /// Keras's dropout on a recurrent layer's inputs: one mask per sequence, the same at every step. With the
    /// identity as input kernel and no recurrent one, each step's output is tanh of its masked input, so a
    /// dropped input is 0 at every step of its row and a kept one tanh(2) (scaled by 1 / 0.5) at every step.
    /// </summary>
    [Fact]
    public void Input_dropout_draws_one_mask_per_sequence()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var draws = new torch.Generator(2);
        using var module = new RecurrentModule(new SimpleRNN(4, returnSequences: true, dropout: 0.5f), 4, bidirectional: false, draws);
        SetSimpleRnn(module, torch.eye(4), torch.zeros(4, 4));
        module.train();
        using var noGrad = torch.no_grad();
        var output = module.forward(torch.ones(64, 6, 4));
        var first = output.select(1, 0);
        Assert.True(output.eq(first.unsqueeze(1)).all().item<bool>(), "each row's dropped inputs are the same at every step");
        double dropped = first.eq(0).to(torch.float32).mean().item<float>();
        Assert.InRange(dropped, 0.35, 0.65);
        Assert.True(first.eq(0).logical_or(first.sub(MathF.Tanh(2)).abs().lt(1e-6)).all().item<bool>());
        module.eval();
        Assert.True(module.forward(torch.ones(64, 6, 4)).sub(MathF.Tanh(1)).abs().lt(1e-6).all().item<bool>(), "no dropout after training");
    }

    /// <summary>
    /// Keras's recurrent dropout: one mask per sequence on the state before its recurrent product. With the
    /// identity as both kernels and an input only at the first step, the state after it is tanh(1) everywhere;
    /// from then on a dropped unit is 0 at every step and a kept one never is (masks drawn per step would switch).
    /// </summary>
    [Fact]
    public void Recurrent_dropout_draws_one_mask_per_sequence()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var draws = new torch.Generator(3);
        using var module = new RecurrentModule(new SimpleRNN(4, returnSequences: true, recurrentDropout: 0.5f), 4, bidirectional: false, draws);
        SetSimpleRnn(module, torch.eye(4), torch.eye(4));
        module.train();
        using var noGrad = torch.no_grad();
        var input = torch.zeros(64, 6, 4);
        input.select(1, 0).fill_(1);
        var later = module.forward(input).narrow(1, 1, 5);
        var zero = later.eq(0);
        var droppedEverywhere = zero.all(1);
        Assert.True(droppedEverywhere.logical_or(zero.logical_not().all(1)).all().item<bool>(), "a unit is dropped at every step of its row or at none");
        Assert.InRange(droppedEverywhere.to(torch.float32).mean().item<float>(), 0.35, 0.65);
    }

    [Fact]
    public void A_layer_that_cannot_skip_padded_steps_is_refused_after_a_mask_as_Keras_refuses_it()
    {
        var conv = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([Steps], [new Embedding(Vocabulary, Width, maskZero: true), new Conv1D(2, 3), new GlobalMaxPooling1D(), new Dense(1)]));
        Assert.Contains("Layer 1 (Conv1D) cannot skip the padded steps", conv.Message, StringComparison.Ordinal);
        Assert.Contains("maskZero: false", conv.Message, StringComparison.Ordinal);
        var flatten = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([Steps],
            [new Embedding(Vocabulary, Width, maskZero: true), new LSTM(3, returnSequences: true), new Dense(2), new Flatten(), new Dense(1)]));
        Assert.Contains("Layer 3 (Flatten)", flatten.Message, StringComparison.Ordinal);
        // A recurrent layer's last state and a global pooling consume the mask: what follows them takes none.
        var consumed = new NetworkArchitecture([Steps], [new Embedding(Vocabulary, Width, maskZero: true), new Bidirectional(new GRU(3, returnSequences: true)), new LSTM(2), new Dense(1)]);
        Assert.Equal([false, true, true, false], Enumerable.Range(0, 4).Select(consumed.Masked));
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(new NetworkArchitecture([Steps], [new Embedding(Vocabulary, Width, maskZero: true), new GlobalMaxPooling1D(), new Dense(1)]).Masked));
        var late = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([Steps, Width], [new LSTM(3, returnSequences: true), new Embedding(Vocabulary, Width), new Dense(1)]));
        Assert.Contains("Layer 1 is an Embedding", late.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10f, "holds 10 at step 2")]
    [InlineData(-1f, "holds -1 at step 2")]
    [InlineData(2.5f, "holds 2.5 at step 2")]
    [InlineData(float.NaN, "holds NaN at step 2")]
    public void An_index_outside_the_embedding_is_named_instead_of_crashing_libtorch(float index, string found)
    {
        var architecture = new NetworkArchitecture([4], [new Embedding(Vocabulary, Width), new GlobalAveragePooling1D(), new Dense(1)]);
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var network = architecture.Build(seed: 1);
        var x = torch.tensor(new float[] { 1, 2, 3, 4, 0, 9, index, 1 }, [2, 4]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => network.forward(x));
        Assert.Contains($"Layer 0 (Embedding) reads token indices, whole numbers in [0, {Vocabulary}), but row 1 of the batch {found}", e.Message, StringComparison.Ordinal);
        Assert.Contains("inputDim", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recurrent_layers_weights_are_its_tensors_and_the_zero_second_bias_is_none_of_them()
    {
        var architecture = new NetworkArchitecture([Steps], [new Embedding(Vocabulary, Width), new Bidirectional(new LSTM(3, returnSequences: true)), new SimpleRNN(2), new Dense(1)]);
        TorchRuntime.EnsureLoaded();
        using var network = architecture.Build(seed: 1);
        string[] expected = ["0.weight", "1.weight_ih_l0", "1.weight_hh_l0", "1.bias_ih_l0", "1.weight_ih_l0_reverse", "1.weight_hh_l0_reverse", "1.bias_ih_l0_reverse",
            "2.weight_ih_l0", "2.weight_hh_l0", "2.bias_ih_l0", "3.weight", "3.bias"];
        Assert.Equal(expected, architecture.Tensors().Keys);
        Assert.Equal(expected, network.named_parameters().Select(p => p.name));
        Assert.Equal(expected, NetworkWeights.Read(network).Keys);
        Assert.All(network.parameters(), p => Assert.True(p.requires_grad));
        // Keras's starting values: the LSTM's forget gate bias 1, the rest of the biases 0, an orthogonal recurrent kernel.
        var weights = NetworkWeights.Read(network);
        Assert.Equal(Enumerable.Repeat(0f, 3).Concat(Enumerable.Repeat(1f, 3)).Concat(Enumerable.Repeat(0f, 6)), weights["1.bias_ih_l0"].Values);
        Assert.All(weights["2.bias_ih_l0"].Values, v => Assert.Equal(0, v));
        using var recurrent = torch.tensor(weights["1.weight_hh_l0"].Values, [12, 3]);
        Assert.True(recurrent.t().matmul(recurrent).allclose(torch.eye(3), atol: 1e-5));
    }

    [Fact]
    public void Sequence_layers_round_trip_through_JSON_as_the_other_layers_do()
    {
        Layer[] layers = [.. Cases["conv1d"], .. Cases["masked_bidirectional_lstm_sequences"], new Bidirectional(new SimpleRNN(2, dropout: 0.1f, recurrentDropout: 0.2f)), new AveragePooling1D(3)];
        string json = System.Text.Json.JsonSerializer.Serialize(layers);
        Assert.Contains("\"layer\":\"Bidirectional\",\"Layer\":{\"layer\":\"LSTM\"", json, StringComparison.Ordinal);
        Assert.Equal(layers, System.Text.Json.JsonSerializer.Deserialize<Layer[]>(json));
    }

    private static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    /// <summary>The module's outputs, and the gradients of its weights by name for a loss that weighs every output differently.</summary>
    private static (float[] Outputs, Dictionary<string, float[]> Gradients) OutputsAndGradients(RecurrentModule module, Func<Tensor> run)
    {
        module.zero_grad();
        var output = run();
        using var weights = torch.linspace(-1, 1, output.numel()).view(output.shape);
        output.mul(weights).sum().backward();
        return (Values(output), module.named_parameters().ToDictionary(p => p.name, p => Values(p.parameter.grad!)));
    }

    /// <summary>Sets a SimpleRNN's kernels and zeroes its bias.</summary>
    private static void SetSimpleRnn(RecurrentModule module, Tensor input, Tensor recurrent)
    {
        using var noGrad = torch.no_grad();
        module.get_parameter("weight_ih_l0")!.copy_(input);
        module.get_parameter("weight_hh_l0")!.copy_(recurrent);
        module.get_parameter("bias_ih_l0")!.zero_();
    }

    /// <summary>
    /// Keras's weights of one direction in PyTorch's names and layouts: kernels transposed, a GRU's blocks
    /// (z, r, h) reordered to PyTorch's (r, z, n) and its two bias rows the input and recurrent biases.
    /// </summary>
    private static Dictionary<string, NamedTensor> KerasWeights(IReadOnlyDictionary<string, GoldenTensor> fixture, string cell, RecurrentLayer layer, string prefix, string suffix)
    {
        using var scope = torch.NewDisposeScope();
        bool gru = layer is GRU;
        Tensor Load(string name) => torch.tensor(fixture[$"keras_{cell}/{prefix}{name}"].Floats, fixture[$"keras_{cell}/{prefix}{name}"].Shape);
        // The GRU's gate blocks along the last axis, z and r swapped.
        Tensor Blocks(Tensor t) => gru ? torch.cat([t.chunk(3, -1)[1], t.chunk(3, -1)[0], t.chunk(3, -1)[2]], -1) : t;
        NamedTensor Named(Tensor t) => new(t.shape, Values(t));
        var weights = new Dictionary<string, NamedTensor>
        {
            [$"weight_ih_l0{suffix}"] = Named(Blocks(Load("kernel")).t()),
            [$"weight_hh_l0{suffix}"] = Named(Blocks(Load("recurrent_kernel")).t()),
        };
        var bias = Blocks(Load("bias"));
        weights[$"bias_ih_l0{suffix}"] = Named(gru ? bias[0] : bias);
        if (gru)
            weights[$"bias_hh_l0{suffix}"] = Named(bias[1]);
        return weights;
    }
}
