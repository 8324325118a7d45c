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

    /// <summary>
    /// The lstm workload's network, Embedding(vocabulary, 32), LSTM(32), Linear(1) on the last state, trained with
    /// binary cross-entropy on logits over <paramref name="ids"/> [rows, length]; reports each epoch's seconds and mean loss.
    /// </summary>
    public static void Lstm(long vocabulary, float[] labels, long[] ids, int length, int epochs, int batch, int threads, Action<double, double> epochSecondsAndLoss)
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        torch.manual_seed(0);
        int rows = labels.Length;
        var x = torch.tensor(ids, [rows, length]);
        var y = torch.tensor(labels, [rows, 1]);
        var network = new LstmClassifier(vocabulary);
        var optimizer = optim.Adam(network.parameters(), 1e-3);
        var loss = nn.BCEWithLogitsLoss();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            network.train();
            var clock = Stopwatch.StartNew();
            double sum = 0;
            using var permutation = torch.randperm(rows);
            for (long start = 0; start < rows; start += batch)
            {
                using var scope = torch.NewDisposeScope();
                long count = Math.Min(batch, rows - start);
                var index = permutation.narrow(0, start, count);
                optimizer.zero_grad();
                var output = loss.forward(network.forward(x.index_select(0, index)), y.index_select(0, index));
                output.backward();
                optimizer.step();
                sum += output.item<float>() * count;
            }
            epochSecondsAndLoss(clock.Elapsed.TotalSeconds, sum / rows);
        }
    }

    private sealed class LstmClassifier : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Embedding embedding;
        private readonly TorchSharp.Modules.LSTM lstm;
        private readonly TorchSharp.Modules.Linear output;

        public LstmClassifier(long vocabulary) : base(nameof(LstmClassifier))
        {
            embedding = nn.Embedding(vocabulary, 32);
            lstm = nn.LSTM(32, 32, batchFirst: true);
            output = nn.Linear(32, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var (_, last, _) = lstm.forward(embedding.forward(input));
            return output.forward(last[0]);
        }
    }
}
