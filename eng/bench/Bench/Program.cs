using MLNet.DeepTrainers.Bench;

// Usage: Bench fashion-mnist --model dense|mlp|cnn --epochs N --batch B --threads T [--data FOLDER]
//        Bench boston [--epochs N --batch B]
//        Bench trees --csv FRIEDMAN_CSV --threads T
//        Bench scoring --threads T [--data FOLDER]
//        Bench lstm --ids IDS_CSV --length L --epochs N --batch B --threads T
var options = new Dictionary<string, string>();
for (int i = 1; i + 1 < args.Length; i += 2)
    options[args[i].TrimStart('-')] = args[i + 1];
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
switch (args.FirstOrDefault())
{
    case "fashion-mnist":
        FashionMnistBench.Run(Get("model", "mlp"), int.Parse(Get("epochs", "2")), int.Parse(Get("batch", "128")), int.Parse(Get("threads", "2")),
            Get("data", MLNet.DeepTrainers.Samples.FashionMnist.DefaultFolder));
        return 0;
    case "boston":
        BostonBench.Run(Get("csv", Path.Combine(AppContext.BaseDirectory, "data", "boston_house_prices.csv")), int.Parse(Get("epochs", "100")), int.Parse(Get("batch", "16")));
        return 0;
    case "trees":
        TreesBench.Run(Get("csv", "/tmp/friedman1.csv"), int.Parse(Get("threads", "2")));
        return 0;
    case "scoring":
        ScoringBench.Run(Path.Combine(AppContext.BaseDirectory, "data", "boston_house_prices.csv"), Get("data", MLNet.DeepTrainers.Samples.FashionMnist.DefaultFolder), int.Parse(Get("threads", "2")));
        return 0;
    case "lstm":
        LstmBench.Run(Path.Combine(AppContext.BaseDirectory, "data", "text", "sms_spam.tsv"), Get("ids", "/tmp/sms_ids.csv"), int.Parse(Get("length", "50")),
            int.Parse(Get("epochs", "2")), int.Parse(Get("batch", "32")), int.Parse(Get("threads", "2")));
        return 0;
    default:
        Console.Error.WriteLine("usage: Bench fashion-mnist --model dense|mlp|cnn --epochs N --batch B --threads T [--data FOLDER]\n       Bench boston [--epochs N --batch B]\n       Bench trees --csv FRIEDMAN_CSV --threads T\n       Bench scoring --threads T [--data FOLDER]\n       Bench lstm --ids IDS_CSV --length L --epochs N --batch B --threads T");
        return 2;
}
