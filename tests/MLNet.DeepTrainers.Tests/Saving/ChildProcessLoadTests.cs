using System.Diagnostics;
using System.Reflection;

namespace MLNet.DeepTrainers.Tests.Saving;

/// <summary>
/// A saved model loads and predicts in another process that has no TorchSharp native package at all
/// (tests/MLNet.DeepTrainers.LoadCheck references ML.NET, OnnxTransformer, onnxruntime and the library
/// only) and never calls into the library: the same columns and values as the model in memory.
/// </summary>
public sealed class ChildProcessLoadTests
{
    private static readonly Lazy<string> LoadCheck = new(BuildLoadCheck);

    [Fact]
    public void A_saved_multiclass_model_predicts_in_a_process_without_libtorch()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.Iris(ml);
        var model = Datasets.IrisFeatures(ml).Append(ml.MulticlassClassification.Trainers.Mlp(epochs: 10, hiddenLayers: [16], batchSize: 8)).Fit(data);
        string folder = Directory.CreateTempSubdirectory("mldt-loadcheck-").FullName;
        try
        {
            string modelPath = Path.Combine(folder, "model.zip");
            string inputPath = Path.Combine(folder, "input.idv");
            string scoredPath = Path.Combine(folder, "scored.idv");
            ml.Model.Save(model, data.Schema, modelPath);
            using (var input = File.Create(inputPath))
                ml.Data.SaveAsBinary(data, input);

            string program = LoadCheck.Value;
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(program)!, "libtorch*", SearchOption.AllDirectories));
            var (exitCode, output) = Run(DotNet, [program, modelPath, inputPath, scoredPath], TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, $"the child process exited with {exitCode}:\n{output}");
            Assert.DoesNotContain("native:", output);
            // ML.NET loaded the library itself (its name is saved beside the CustomMapping) and ran the network on onnxruntime.
            Assert.Contains("assembly: MLNet.DeepTrainers\n", output);
            Assert.Contains("assembly: Microsoft.ML.OnnxTransformer", output);

            var expected = model.Transform(data);
            var actual = ml.Data.LoadFromBinary(scoredPath);
            foreach (string column in new[] { "Score", "PredictedLabel" })
            {
                Assert.Equal(expected.Schema[column].Type, actual.Schema[column].Type);
                SavedModel.AssertSameValues(expected, actual, column);
            }
            SavedModel.AssertSameColumns(
                ml.Transforms.SelectColumns("Score", "PredictedLabel").Fit(expected).Transform(expected).Schema,
                ml.Transforms.SelectColumns("Score", "PredictedLabel").Fit(actual).Transform(actual).Schema, "Score", "PredictedLabel");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Builds the LoadCheck program once per test run, in the tests' own configuration; returns its assembly's path.</summary>
    private static string BuildLoadCheck()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MLNet.DeepTrainers.sln")))
            root = root.Parent;
        Assert.NotNull(root);
        string project = Path.Combine(root.FullName, "tests", "MLNet.DeepTrainers.LoadCheck", "MLNet.DeepTrainers.LoadCheck.csproj");
        string configuration = typeof(ChildProcessLoadTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        // No build servers or MSBuild nodes stay behind after the test.
        var (exitCode, output) = Run(DotNet, ["build", project, "-c", configuration, "-nologo", "-nodeReuse:false", "--disable-build-servers", "-t:Build", "-getProperty:TargetPath"], TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"building {project} failed:\n{output}");
        string program = output.Trim().Split('\n')[^1].Trim();
        Assert.True(File.Exists(program), $"the build of {project} did not say where its program is:\n{output}");
        return program;
    }

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host's MSBuild settings are not the child's.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish in {timeout}.");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
