using System.Globalization;
using System.Text.Json;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Samples;

namespace MLNet.DeepTrainers.Bench;

/// <summary>
/// The project's side of eng/bench/lstm_peer.py: the SMS spam messages as token ids (NormalizeText,
/// TokenizeIntoWords, MapValueToKey, PadSequences), written to a file the peer reads so both train on
/// the same ids; then Embedding(vocabulary, 32) → LSTM(32) → Dense(1), Adam 1e-3, binary cross-entropy,
/// one JSON line per epoch with its seconds of training.
/// </summary>
internal static class LstmBench
{
    public static void Run(string messages, string idsFile, int length, int epochs, int batch, int threads)
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromTextFile<TextSample.Message>(messages, '\t');
        var tokens = TextSample.SpamLabel(ml).Append(TextSample.TokenKeys(ml, vocabulary: null, length));
        var ids = ml.Data.Cache(tokens.Fit(data).Transform(data));
        int vocabulary = (int)((KeyDataViewType)((VectorDataViewType)ids.Schema["Features"].Type).ItemType).Count + 1;
        WriteIds(ids, idsFile);

        var trainer = ml.BinaryClassification.Trainers.Sequential(new SequentialOptions
        {
            Layers = [new Embedding(vocabulary, 32), new LSTM(32), new Dense(1)],
            Epochs = epochs,
            BatchSize = batch,
            NumberOfThreads = threads,
            Optimizer = new Adam(0.001),
        });
        var fitted = trainer.Fit(ids);
        double accuracy = ml.BinaryClassification.Evaluate(fitted.Transform(ids)).Accuracy;
        foreach (var epoch in fitted.Model.History.Epochs)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["peer"] = "mlnet-deeptrainers",
                ["vocabulary"] = vocabulary,
                ["params"] = fitted.Model.ParameterCount,
                ["epoch"] = epoch.Epoch,
                ["seconds"] = Math.Round(epoch.Seconds, 3),
                ["loss"] = Math.Round(epoch.TrainLoss, 5),
                ["train_accuracy"] = Math.Round(accuracy, 5),
            }));
        }
    }

    // One line per message: the label (0 or 1), then the padded token ids, comma-separated.
    private static void WriteIds(IDataView ids, string path)
    {
        using var writer = new StreamWriter(path);
        var labels = ids.GetColumn<bool>("Label").ToArray();
        var keys = ids.GetColumn<uint[]>("Features").ToArray();
        for (int i = 0; i < labels.Length; i++)
            writer.WriteLine((labels[i] ? "1," : "0,") + string.Join(',', keys[i].Select(k => k.ToString(CultureInfo.InvariantCulture))));
    }
}
