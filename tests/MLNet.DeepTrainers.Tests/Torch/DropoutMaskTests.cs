using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Torch;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Torch;

/// <summary>
/// Dropout as Keras defines it in training: each element kept with probability 1 - rate and scaled by
/// 1 / (1 - rate), a fresh mask per batch, the same masks for the same seed on any number of threads.
/// The network is a Dropout on 20,000 ones, then a PReLU (slopes at zero: the identity on masks, and a
/// weight for the step to have), so its raw training outputs are the mask itself.
/// </summary>
public class DropoutMaskTests
{
    private const int Width = 20_000;
    private const float Rate = 0.375f;

    private static List<float[]> Masks(ulong seed, int threads, int batches)
    {
        TorchRuntime.UseThreads(threads);
        using var network = new TorchNetwork(new NetworkArchitecture([Width], [new Dropout(Rate), new PReLU()], ActivationKind.Linear), seed, device: -1);
        network.SetOptimizer(new Sgd().FullSpec);
        network.SetLoss(new RegressionTask().LossSpec(LossFunction.MeanSquaredError, "test"));
        var ones = Enumerable.Repeat(1f, Width).ToArray();
        var masks = new List<float[]>();
        for (int b = 0; b < batches; b++)
        {
            var outputs = new float[Width];
            network.TrainBatch(ones, ones, [], 1, Width, outputs);
            masks.Add(outputs);
        }
        return masks;
    }

    [Fact]
    public void Each_element_is_kept_with_probability_one_minus_rate_and_scaled()
    {
        var masks = Masks(seed: 11, threads: 2, batches: 2);
        foreach (var mask in masks)
        {
            Assert.All(mask, v => Assert.True(v == 0f || Math.Abs(v - 1 / (1 - Rate)) < 1e-6, $"{v} is neither 0 nor 1 / (1 - rate)"));
            // Binomial(20,000, 0.625): standard deviation 68.5; five of them either side.
            int kept = mask.Count(v => v != 0);
            Assert.InRange(kept, Width * (1 - Rate) - 343, Width * (1 - Rate) + 343);
        }
        // Neighbouring elements are independent: a kept element is followed by a kept one 62.5% of the time.
        var first = masks[0];
        int keptPairs = Enumerable.Range(0, Width - 1).Count(i => first[i] != 0 && first[i + 1] != 0);
        int keptFirst = Enumerable.Range(0, Width - 1).Count(i => first[i] != 0);
        Assert.InRange(keptPairs / (double)keptFirst, 0.6, 0.65);
        Assert.NotEqual(masks[0], masks[1]);
    }

    [Fact]
    public void A_seed_gives_the_same_masks_on_one_thread_and_on_two()
    {
        var one = Masks(seed: 5, threads: 1, batches: 2);
        var two = Masks(seed: 5, threads: 2, batches: 2);
        Assert.Equal(one[0], two[0]);
        Assert.Equal(one[1], two[1]);
        Assert.NotEqual(one[0], Masks(seed: 6, threads: 1, batches: 1)[0]);
    }
}
