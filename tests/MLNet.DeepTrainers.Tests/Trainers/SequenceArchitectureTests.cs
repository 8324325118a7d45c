using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Trainers;

/// <summary>
/// Output shapes and parameter counts of the sequence layers against the Keras summaries printed in
/// Chollet's Deep Learning with Python (chapter 6: SimpleRNN, LSTM, GRU, Bidirectional and the 1-D
/// convnet on IMDB), and the errors of networks Keras would refuse.
/// </summary>
public class SequenceArchitectureTests
{
    [Fact]
    public void The_books_IMDB_convnet_has_Kerass_shapes_and_1_315_937_parameters()
    {
        var architecture = new NetworkArchitecture([500],
            [new Embedding(10_000, 128), new Conv1D(32, 7, activation: ActivationKind.ReLU), new MaxPooling1D(5), new Conv1D(32, 7, activation: ActivationKind.ReLU), new GlobalMaxPooling1D(), new Dense(1)],
            ActivationKind.Sigmoid);
        string summary = architecture.Summary();

        Assert.Contains("embedding (Embedding)       (None, 500, 128)          1,280,000", summary);
        Assert.Contains("conv1d (Conv1D)             (None, 494, 32)           28,704", summary);
        Assert.Contains("maxpooling1d (MaxPooling1D) (None, 98, 32)            0", summary);
        Assert.Contains("conv1d_1 (Conv1D)           (None, 92, 32)            7,200", summary);
        Assert.Contains("(None, 32)", summary);
        Assert.Contains("Total params: 1,315,937", summary);
    }

    [Theory]
    [InlineData("SimpleRNN", 2_080)]   // the book's simple_rnn (SimpleRNN) line
    [InlineData("LSTM", 8_320)]        // 4 × (32 × (32 + 32) + 32)
    [InlineData("GRU", 6_336)]         // Keras 2's reset_after GRU: 3 × (32 × (32 + 32) + 2 × 32)
    [InlineData("Bidirectional", 16_640)]
    public void Recurrent_layers_over_32_wide_embeddings_count_Kerass_parameters(string layer, long count)
    {
        Layer recurrent = layer switch
        {
            "SimpleRNN" => new SimpleRNN(32),
            "LSTM" => new LSTM(32),
            "GRU" => new GRU(32),
            _ => new Bidirectional(new LSTM(32)),
        };
        var architecture = new NetworkArchitecture([100], [new Embedding(10_000, 32), recurrent, new Dense(1)], ActivationKind.Sigmoid);

        Assert.Equal(320_000 + count + (layer == "Bidirectional" ? 65 : 33), architecture.ParameterCount);
        Assert.Equal(layer == "Bidirectional" ? [64] : [32], architecture.OutputShapes[1]);
    }

    [Fact]
    public void Return_sequences_keeps_the_steps_and_Dense_works_on_each_step()
    {
        var shapes = new NetworkArchitecture([20], [new Embedding(50, 8), new GRU(6, returnSequences: true), new Dense(3), new Flatten(), new Dense(1)], ActivationKind.Linear).OutputShapes;

        Assert.Equal([20, 6], shapes[1]);
        Assert.Equal([20, 3], shapes[2]);
        Assert.Equal([60], shapes[3]);
    }

    [Fact]
    public void A_mask_reaching_a_layer_that_cannot_skip_padding_is_refused_as_Keras_refuses_it()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new NetworkArchitecture([20], [new Embedding(50, 8, maskZero: true), new Conv1D(4, 3), new GlobalMaxPooling1D(), new Dense(1)], ActivationKind.Linear));

        Assert.Contains("Layer 1 (Conv1D)", error.Message);
        Assert.Contains("maskZero", error.Message);
        // The recurrent layer consumes the mask, so what follows it may be anything.
        _ = new NetworkArchitecture([20], [new Embedding(50, 8, maskZero: true), new Dropout(0.2f), new LSTM(4, returnSequences: true), new LSTM(4), new Dense(1)], ActivationKind.Linear);
    }

    [Fact]
    public void Misplaced_sequence_layers_name_themselves_and_the_fix()
    {
        var notFirst = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([20], [new Dense(8), new Embedding(50, 8), new LSTM(4)], ActivationKind.Linear));
        Assert.Contains("Layer 1 (Embedding)", notFirst.Message);
        Assert.Contains("first layer", notFirst.Message);

        var flat = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([20], [new LSTM(4), new Dense(1)], ActivationKind.Linear));
        Assert.Contains("Layer 0 (LSTM)", flat.Message);
        Assert.Contains("(steps, channels)", flat.Message);

        var sequenceOut = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([20], [new Embedding(50, 8), new LSTM(4, returnSequences: true)], ActivationKind.Linear));
        Assert.Contains("Flatten", sequenceOut.Message);

        var dropout = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([20], [new Embedding(50, 8), new GRU(4, recurrentDropout: 1), new Dense(1)], ActivationKind.Linear));
        Assert.Contains("recurrentDropout", dropout.Message);
    }
}
