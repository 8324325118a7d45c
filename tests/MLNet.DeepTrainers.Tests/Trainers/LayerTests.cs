using MLNet.DeepTrainers.Deep;

namespace MLNet.DeepTrainers.Tests.Trainers;

public class LayerTests
{
    private static NetworkArchitecture Seeds_convnet() => new([1, 28, 28], new CnnOptions().BuildLayers(10), ActivationKind.Softmax);

    [Fact]
    public void The_seeds_convnet_has_Keras_parameter_count_and_shapes()
    {
        var architecture = Seeds_convnet();
        string summary = architecture.Summary();

        // Keras's model.summary() of the seeds' convnet: 320 + 18,496 + 36,928 + 36,928 + 650 = 93,322.
        Assert.Equal(93_322, architecture.ParameterCount);
        Assert.Contains("Total params: 93,322", summary);
        Assert.Contains("conv2d (Conv2D)             (None, 32, 26, 26)        320", summary);
        Assert.Contains("conv2d_2 (Conv2D)           (None, 64, 3, 3)          36,928", summary);
        Assert.Contains("flatten (Flatten)           (None, 576)               0", summary);
    }

    [Fact]
    public void Batch_normalization_counts_its_statistics_as_non_trainable_like_Keras()
    {
        var architecture = new NetworkArchitecture([10], [new Dense(8), new BatchNormalization(), new Dense(1)], ActivationKind.Linear);
        Assert.Contains("Trainable params: 113", architecture.Summary()); // 88 + 16 + 9
        Assert.Contains("Non-trainable params: 16", architecture.Summary());
    }

    [Fact]
    public void Same_padding_follows_Keras_shapes()
    {
        var shapes = new NetworkArchitecture([3, 7, 7], [new Conv2D(4, 3, strides: 2, padding: Padding.Same), new Flatten(), new Dense(1)], ActivationKind.Linear).OutputShapes;
        Assert.Equal([4, 4, 4], shapes[0]); // ceil(7 / 2)
        var spec = new Conv2D(4, 3, strides: 2, padding: Padding.Same).SpecLines([3, 8, 8]).First().ToString();
        Assert.Contains("pt=0 pb=1 pl=0 pr=1", spec); // 8 pixels need 1 of padding, at the end as Keras puts it
    }

    [Fact]
    public void A_layer_that_does_not_fit_names_itself_its_index_and_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([1, 28, 28], [new Conv2D(8, 3), new Dense(10)], ActivationKind.Linear));
        Assert.Contains("Layer 1 (Dense)", error.Message);
        Assert.Contains("(8, 26, 26)", error.Message);
        Assert.Contains("Flatten", error.Message);

        var image = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([784], [new Conv2D(8, 3), new Flatten(), new Dense(1)], ActivationKind.Linear));
        Assert.Contains("Layer 0 (Conv2D)", image.Message);
        Assert.Contains("(channels, height, width)", image.Message);
    }

    [Fact]
    public void An_image_width_that_is_not_channels_times_height_times_width_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([700], new CnnOptions { ImageShape = [1, 28, 28] }.BuildLayers(10), ActivationKind.Linear));
        Assert.Contains("Layer 0 (Reshape)", error.Message);
        Assert.Contains("(700)", error.Message);
        Assert.Contains("(1, 28, 28)", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Units_must_be_positive(int units)
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([4], [new Dense(units)], ActivationKind.Linear));
        Assert.Contains("Layer 0 (Dense)", error.Message);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    public void Dropout_must_be_in_zero_to_one(float rate)
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkArchitecture([4], [new Dropout(rate), new Dense(1)], ActivationKind.Linear));
        Assert.Contains("[0, 1)", error.Message);
    }

    [Fact]
    public void Layers_survive_a_json_round_trip_with_their_settings()
    {
        Layer[] layers = [new Conv2D(4, 5, 2, Padding.Same, ActivationKind.ELU) { KernelL2 = 0.01f }, new MaxPooling2D(3, 1), new AveragePooling2D(), new GlobalAveragePooling2D(),
            new Reshape(2, 2), new Flatten(), new BatchNormalization(0.9), new Dense(3, ActivationKind.Tanh, false, Initializer.HeNormal) { MaxNorm = 2 },
            new LeakyReLU(0.1f), new PReLU(), new Activation(ActivationKind.Swish), new Dropout(0.25f)];
        var json = System.Text.Json.JsonSerializer.Serialize(layers);
        var back = System.Text.Json.JsonSerializer.Deserialize<Layer[]>(json)!;
        Assert.Equal(layers, back);
    }
}
