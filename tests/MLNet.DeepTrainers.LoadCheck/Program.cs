using Microsoft.ML;

// Loads a saved model with a new MLContext and no registration call, scores an ML.NET binary data file
// with it, and writes the scored data as another. Nothing here touches MLNet.DeepTrainers: ML.NET finds
// what it needs in the model file. Then it prints what of TorchSharp the process loaded: native libraries
// ("native: <path>") and managed assemblies ("assembly: <name>").
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: MLNet.DeepTrainers.LoadCheck <model.zip> <input.idv> <scored.idv>");
    return 2;
}
var ml = new MLContext();
var model = ml.Model.Load(args[0], out _);
var scored = model.Transform(ml.Data.LoadFromBinary(args[1]));
using (var output = File.Create(args[2]))
    ml.Data.SaveAsBinary(scored, output, keepHidden: false);
(model as IDisposable)?.Dispose();

if (File.Exists("/proc/self/maps"))
{
    foreach (string path in File.ReadLines("/proc/self/maps").Select(line => line[(line.LastIndexOf(' ') + 1)..]).Distinct())
    {
        if (path.Contains("libtorch", StringComparison.OrdinalIgnoreCase) || path.Contains("LibTorchSharp", StringComparison.OrdinalIgnoreCase))
            Console.WriteLine($"native: {path}");
    }
}
foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order())
    Console.WriteLine($"assembly: {assembly}");
return 0;
