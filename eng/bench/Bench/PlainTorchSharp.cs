using System.Diagnostics;
using MLNet.DeepTrainers.Samples;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The seeds' Fashion-MNIST networks as a plain TorchSharp training loop, the way TorchSharp's own
/// examples write one: the overhead yardstick for the library on the same libtorch.
/// </summary>
internal static class PlainTorchSharp
{
    /// <summary>The same networks as layers of the library (peers/fashion_mnist.py's architectures).</summary>
    public static IReadOnlyList<Layer> Layers(string model) => model switch
    {
        "dense" => [new Flatten(), new Dense(10)],
        "mlp" => [new Flatten(), new Dense(512, ActivationKind.ReLU), new Dropout(0.2f), new Dense(512, ActivationKind.ReLU), new Dropout(0.2f), new Dense(10)],
        _ => [new Conv2D(32, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2), new Conv2D(64, 3, activation: ActivationKind.ReLU), new MaxPooling2D(2),
            new Conv2D(64, 3, activation: ActivationKind.ReLU), new Flatten(), new Dense(64, ActivationKind.ReLU), new Dense(10)],
    };

    public static void Fashion(string model, int epochs, List<FashionImage> images, Action<double> epochSeconds)
    {
        // On Debian 12, TorchSharp's native library loads only through the library's compatibility step.
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(0);
        var x = torch.tensor(images.SelectMany(i => i.Pixels).ToArray(), [images.Count, 1, 28, 28]);
        var y = torch.tensor(images.Select(i => (long)i.Label).ToArray());
        nn.Module<Tensor, Tensor> network = model switch
        {
            "dense" => nn.Sequential(nn.Flatten(), nn.Linear(784, 10)),
            "mlp" => nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 10)),
            _ => nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10)),
        };
        var optimizer = optim.Adam(network.parameters(), 1e-3);
        var loss = nn.CrossEntropyLoss();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            network.train();
            var clock = Stopwatch.StartNew();
            using var permutation = torch.randperm(images.Count);
            for (long start = 0; start < images.Count; start += 128)
            {
                using var scope = torch.NewDisposeScope();
                var index = permutation.narrow(0, start, Math.Min(128, images.Count - start));
                optimizer.zero_grad();
                var output = loss.forward(network.forward(x.index_select(0, index)), y.index_select(0, index));
                output.backward();
                optimizer.step();
                _ = output.item<float>();
            }
            epochSeconds(clock.Elapsed.TotalSeconds);
        }
    }
}
