using MLNet.DeepTrainers.Samples;

// dotnet run --project src/MLNet.DeepTrainers.Samples -- [sample] [--data PATH] [--out FOLDER] [--quick]
var samples = new Dictionary<string, (string Summary, Action<SampleOptions> Run)>
{
    ["boston"] = ("Boston housing regression: z-score MLP vs FastTree vs FastForest, 4-fold CV with ML.NET, table and plot, save, load, predict (the default)", o => BostonSample.Run(o)),
    ["breast-cancer"] = ("Breast cancer, binary: MLP, L2 and dropout vs FastTree and FastForest; ML.NET's precision, recall, F1, AUC", o => BreastCancerSample.Run(o)),
    ["wine"] = ("Wine and iris, multiclass: MapValueToKey, an MLP vs FastTree, MapKeyToValue on the predictions, a DataFrame in and out", o => WineSample.Run(o)),
    ["trainer-swap"] = ("ML.NET's own trainer samples (regression, binary, multiclass) with the trainer swapped for Mlp(): original vs Mlp on ML.NET's metrics", o => TrainerSwapSample.Run(o)),
    ["text"] = ("IMDB sentences and SMS spam from raw text: a bag of words into Dense 16-16-1 and its overfitting curve, Embedding + pooling, Conv1D and LSTM on word keys, FastTree and SDCA; 5-fold CV table and plot", o => TextSample.Run(o)),
    ["fashion-mnist"] = ("Fashion-MNIST: Dense, MLP, MLP with dropout and CNN with a validation split and early stopping", o => FashionMnistSample.Run(o)),
};

string? name = null, data = null, output = "output";
bool quick = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--help" or "-h":
            Console.WriteLine("usage: dotnet run --project src/MLNet.DeepTrainers.Samples -- [sample] [--data PATH] [--out FOLDER] [--quick]\n\nsamples:");
            foreach (var (key, (summary, _)) in samples)
                Console.WriteLine($"  {key,-14} {summary}");
            Console.WriteLine("\n  --data PATH    the data file (or, for fashion-mnist, folder) to use instead of the default\n  --out FOLDER   where plots and CSV files go (default: output)\n  --quick        few epochs and rows: checks the sample runs");
            return 0;
        case "--data" when i + 1 < args.Length:
            data = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--quick":
            quick = true;
            break;
        default:
            if (args[i].StartsWith('-') || name is not null || !samples.ContainsKey(args[i]))
            {
                Console.Error.WriteLine($"unknown argument '{args[i]}'; the samples are {string.Join(", ", samples.Keys)} (see --help)");
                return 2;
            }
            name = args[i];
            break;
    }
}
try
{
    samples[name ?? "boston"].Run(new SampleOptions(data, output, quick, Console.Out));
    return 0;
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
