using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MLNet.DeepTrainers.Tests.Runtime;

/// <summary>
/// An application as a user makes one: the library packed by eng/pack.sh into a local feed, and a console
/// project in a temporary folder, outside the repository's build settings, that adds the package and
/// TorchSharp-cpu and whose Program.cs is the README's tour. It restores, builds, trains (through
/// TorchSharp's native library, loaded on Debian 12 by the package's compatibility step with no step of
/// the application's own), cross-validates, saves, loads and predicts.
/// </summary>
public sealed partial class FreshProjectTests
{
    [Fact]
    public void The_package_installs_into_a_fresh_console_project_that_runs_the_READMEs_tour()
    {
        string root = RepositoryRoot();
        string tour = Tour(File.ReadAllText(Path.Combine(root, "README.md")));
        string folder = Directory.CreateTempSubdirectory("mldt-tour-").FullName;
        // A prerelease of this run's own, so that no package of the same version in NuGet's cache stands in for it.
        string suffix = $"tour{Guid.NewGuid():N}"[..16];
        string version = $"{typeof(DeepTrainer).Assembly.GetName().Version!.ToString(3)}-{suffix}";
        try
        {
            string feed = Path.Combine(folder, "feed");
            Run("bash", root, Path.Combine(root, "eng", "pack.sh"), feed, "--version-suffix", suffix);
            Assert.True(File.Exists(Path.Combine(feed, $"MLNet.DeepTrainers.{version}.nupkg")));
            File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(folder, "Tour.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="MLNet.DeepTrainers" Version="{version}" />
                    <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
                    <PackageReference Include="Microsoft.ML.FastTree" Version="6.0.0" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "Program.cs"), tour);
            File.Copy(Path.Combine(root, "data", "boston_house_prices.csv"), Path.Combine(folder, "boston_house_prices.csv"));
            string output = Run("dotnet", folder, "run");
            Assert.Matches(@"MLP: MAE \d+\.\d\d", output);
            Assert.Matches(@"FastTree: MAE \d+\.\d\d", output);
            Assert.Contains("Total params: 5,121", output);      // Keras's count: (13+1)·64 + (64+1)·64 + (64+1)·1
            var prediction = PredictionLine().Match(output);
            Assert.True(prediction.Success, output);
            Assert.True(Math.Abs(double.Parse(prediction.Groups[1].Value) - 24.0) < 6, prediction.Value);
            Assert.True(File.Exists(Path.Combine(folder, "house.zip")));
            Assert.True(File.Exists(Path.Combine(folder, "history.svg")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            string cached = Path.Combine(GlobalPackagesFolder(), "mlnet.deeptrainers", version);
            if (Directory.Exists(cached))
                Directory.Delete(cached, recursive: true);
        }
    }

    /// <summary>NuGet's global packages folder, where a restore leaves the package.</summary>
    private static string GlobalPackagesFolder()
    {
        string listing = Run("dotnet", Path.GetTempPath(), "nuget", "locals", "global-packages", "--list");
        return listing[(listing.IndexOf(':') + 1)..].Trim();
    }

    /// <summary>The code block between the README's tour markers.</summary>
    internal static string Tour(string readme)
    {
        var block = TourBlock().Match(readme);
        Assert.True(block.Success, "README.md has no code block between <!-- tour --> and <!-- /tour -->.");
        return block.Groups[1].Value;
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MLNet.DeepTrainers.sln")))
                return folder.FullName;
        }
        throw new DirectoryNotFoundException($"No MLNet.DeepTrainers.sln above {AppContext.BaseDirectory}.");
    }

    private static string Run(string program, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran over 5 minutes:\n{output}");
        }
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }

    [GeneratedRegex(@"<!-- tour -->\s*```csharp\n(.*?)```\s*<!-- /tour -->", RegexOptions.Singleline)]
    private static partial Regex TourBlock();

    [GeneratedRegex(@"predicted (\d+\.\d), actual")]
    private static partial Regex PredictionLine();
}
