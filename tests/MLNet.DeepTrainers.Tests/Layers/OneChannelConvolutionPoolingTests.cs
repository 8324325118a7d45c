using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// The one-pass convolution and 2×2 max pooling of one-channel images against libtorch's conv2d and
/// max_pool2d on the same weights: the pooled values and the kernel's and bias's gradients, to 1e-5 of their
/// scale, on one and two threads, with sides the pooling does not divide (its last row and column dropped),
/// ties (blank images, where every position gives the bias), without a bias, and with the ReLU taken in
/// (against libtorch's relu after the pooling; the randn bias and kernels leave a sixth or more of the pooled values
/// below 0, whose gradients it must stop). In a network, a
/// convolution with its ReLU before the pooling (fused) trains as the same convolution with the ReLU as a
/// layer of its own (not fused).
/// </summary>
public sealed class OneChannelConvolutionPoolingTests
{
    public static TheoryData<int, int, int, int, bool, int, bool> Cases() => new()
    {
        { 32, 3, 28, 28, true, 2, false },
        { 32, 3, 28, 28, true, 2, true },
        { 16, 5, 13, 12, true, 1, false },
        { 16, 5, 13, 12, false, 1, true },
        { 48, 2, 9, 11, false, 2, false },
        { 16, 3, 8, 8, true, 3, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_libtorchs_convolution_and_pooling_and_their_gradients(int filters, int kernel, int rows, int columns, bool useBias, int threads, bool relu)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var threadCount = TorchRuntime.UseThreads(threads, smallStep: false);
        using var draws = new torch.Generator(3);
        var images = torch.randn(7, 1, rows, columns, generator: draws);
        // Two blank images: every position of a window gives the bias, a tie libtorch breaks by the first.
        images[2].zero_();
        images[5].zero_();
        var weight = torch.randn(filters, 1, kernel, kernel, generator: draws).requires_grad_();
        var bias = useBias ? torch.randn(filters, generator: draws).requires_grad_() : null;

        var pooled = OneChannelConvolutionPooling.Forward(images, weight, bias, relu);
        var upstream = torch.randn(pooled.shape, generator: draws);
        pooled.backward([upstream]);

        var referenceWeight = weight.detach().clone().requires_grad_();
        var referenceBias = bias?.detach().clone().requires_grad_();
        var expected = torch.nn.functional.max_pool2d(torch.nn.functional.conv2d(images, referenceWeight, referenceBias), 2);
        if (relu)
        {
            expected = torch.nn.functional.relu(expected);
            double zeroed = expected.eq(0).to(torch.float32).mean().item<float>();
            Assert.True(zeroed is > 0.05 and < 0.95, $"the ReLU zeroes {zeroed:P0} of the pooled values: the case tests little");
        }
        expected.backward([upstream]);

        Assert.Equal(expected.shape, pooled.shape);
        Near(expected, pooled, "pooled values");
        Near(referenceWeight.grad!, weight.grad!, "kernel gradient");
        if (bias is not null)
            Near(referenceBias!.grad!, bias.grad!, "bias gradient");
        // Channels-last, as the one-channel convolution's output is.
        Assert.Equal(1, pooled.stride(1));
    }

    [Fact]
    public void A_network_with_the_fused_block_trains_as_one_without_it()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Images(96));
        // Same modules and names: Conv2D (0), ReLU (1), MaxPooling2D (2); the second's ReLU is a layer of its own, so no fusion.
        Layer[] fused = [new Conv2D(16, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2), new Flatten(), new Dense(3)];
        Layer[] apart = [new Conv2D(16, 3), new Activation(ActivationKind.ReLU), new MaxPooling2D(2), new Flatten(), new Dense(3)];
        var models = new[] { fused, apart }.Select(layers => ml.MulticlassClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = layers, Epochs = 3, BatchSize = 16, Seed = 4, NormalizeInputs = InputNormalization.No,
        }).Fit(ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data)).Model).ToList();
        var (one, other) = (models[0].GetWeights(), models[1].GetWeights());
        Assert.Equal(one.Keys, other.Keys);
        foreach (var (name, weight) in one)
            Golden.Near(other[name].Values, weight.Values, 1e-4, name);
        Assert.True(models[0].History.Epochs[^1].Loss < models[0].History.Epochs[0].Loss, "training changed nothing");
    }

    private sealed class ImageRow
    {
        [VectorType(1, 12, 12)] public float[] Features = [];
        public uint Label;
    }

    /// <summary>Images whose class is where a bright square sits: left, middle or right.</summary>
    private static IEnumerable<ImageRow> Images(int count)
    {
        var random = new Random(5);
        for (int i = 0; i < count; i++)
        {
            var pixels = Enumerable.Range(0, 144).Select(_ => (float)random.NextDouble() * 0.2f).ToArray();
            int label = i % 3, left = 1 + label * 3 + random.Next(2), top = 2 + random.Next(6);
            for (int r = top; r < top + 3; r++)
                for (int c = left; c < left + 3; c++)
                    pixels[r * 12 + c] += 1;
            yield return new ImageRow { Features = pixels, Label = (uint)label };
        }
    }

    private static void Near(torch.Tensor expected, torch.Tensor actual, string what)
    {
        var e = expected.contiguous().data<float>().ToArray();
        float scale = Math.Max(1, e.Max(Math.Abs));
        Golden.Near(e, actual.contiguous().data<float>().ToArray(), 1e-5 * scale, what);
    }
}
