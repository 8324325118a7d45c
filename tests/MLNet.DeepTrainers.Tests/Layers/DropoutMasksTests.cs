using TorchSharp;

namespace MLNet.DeepTrainers.Tests.Layers;

/// <summary>Dropout's masks as PyTorch's and Keras's: a fraction rate of zeros, the rest 1 / (1 - rate), repeatable from the network's generator.</summary>
public sealed class DropoutMasksTests
{
    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void A_mask_drops_the_rate_and_scales_the_rest_by_its_inverse(double rate)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var draws = new torch.Generator(1);
        using var masks = new DropoutMasks(rate, draws);
        const int Count = 200_000;
        var values = masks.Draw([400, Count / 400], torch.empty(1)).data<float>().ToArray();
        double dropped = values.Count(v => v == 0) / (double)Count;
        // A binomial proportion's deviation is sqrt(rate (1 - rate) / n), at most 0.0011 here: 5 of them.
        Assert.InRange(dropped, rate - 0.0056, rate + 0.0056);
        Assert.All(values.Where(v => v != 0), v => Assert.Equal((float)(1 / (1 - rate)), v));
    }

    [Fact]
    public void Masks_repeat_from_the_same_seed_and_differ_from_draw_to_draw()
    {
        TorchRuntime.EnsureLoaded();
        float[][] Draws(ulong seed)
        {
            using var draws = new torch.Generator(seed);
            using var masks = new DropoutMasks(0.5, draws);
            return [.. Enumerable.Range(0, 2).Select(_ => { using var mask = masks.Draw([64], torch.empty(1)); return mask.data<float>().ToArray(); })];
        }
        var first = Draws(3);
        Assert.Equal(first, Draws(3));
        Assert.NotEqual(first[0], first[1]);
        Assert.NotEqual(first[0], Draws(4)[0]);
    }
}
