using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>
/// Keras's initializers (its VarianceScaling arithmetic: a truncated normal's variance is scale / fan, a
/// uniform's limit sqrt(3 scale / fan)), checked on the statistics of a large kernel, and every draw coming
/// from the generator given, never libtorch's global one.
/// </summary>
public sealed class InitializersTests
{
    // A Dense kernel of 300 inputs and 400 outputs, PyTorch's layout: fan_in 300, fan_out 400.
    private const int Inputs = 300, Outputs = 400;

    public static TheoryData<Initializer, double, bool> Cases => new()
    {
        { Initializer.GlorotUniform, Math.Sqrt(2.0 / (Inputs + Outputs)), false },
        { Initializer.GlorotNormal, Math.Sqrt(2.0 / (Inputs + Outputs)), true },
        { Initializer.HeUniform, Math.Sqrt(2.0 / Inputs), false },
        { Initializer.HeNormal, Math.Sqrt(2.0 / Inputs), true },
        { Initializer.LecunNormal, Math.Sqrt(1.0 / Inputs), true },
        { Initializer.RandomUniform, 0.05 / Math.Sqrt(3), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernels_have_Keras_deviation_and_bounds(Initializer initializer, double deviation, bool truncatedNormal)
    {
        var values = Fill(initializer, seed: 1);
        double mean = values.Average(v => (double)v);
        double std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.02 * deviation, 0.02 * deviation);
        Assert.InRange(std, 0.98 * deviation, 1.02 * deviation);
        // A uniform's limit is √3 deviations; Keras truncates its normals at two deviations of the normal before truncation.
        double bound = truncatedNormal ? 2 * deviation / 0.87962566103423978 : Math.Sqrt(3) * deviation;
        Assert.InRange(values.Max(v => Math.Abs(v)), 0.98 * bound, bound * (1 + 1e-6));
    }

    [Fact]
    public void Draws_come_from_the_generator_given_alone()
    {
        var first = Fill(Initializer.HeNormal, seed: 5);
        torch.manual_seed(123);
        torch.rand(1000).Dispose();
        Assert.Equal(first, Fill(Initializer.HeNormal, seed: 5));
        Assert.NotEqual(first, Fill(Initializer.HeNormal, seed: 6));
    }

    [Theory]
    [InlineData(12, 3)]
    [InlineData(5, 5)]
    public void A_recurrent_kernel_has_orthonormal_columns_drawn_from_the_generator(int rows, int columns)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        torch.Tensor Orthogonal(long seed)
        {
            using var draws = new torch.Generator((ulong)seed);
            var weight = torch.empty(rows, columns);
            Initializers.Orthogonal(weight, draws);
            return weight;
        }
        var weight = Orthogonal(2);
        Assert.True(weight.t().matmul(weight).allclose(torch.eye(columns), atol: 1e-5));
        Assert.True(weight.eq(Orthogonal(2)).all().item<bool>());
        Assert.False(weight.eq(Orthogonal(3)).all().item<bool>());
    }

    private static float[] Fill(Initializer initializer, long seed)
    {
        TorchRuntime.EnsureLoaded();
        using var draws = new torch.Generator((ulong)seed);
        using var weight = torch.empty(Outputs, Inputs);
        Initializers.Fill(weight, initializer, draws);
        return weight.data<float>().ToArray();
    }
}
