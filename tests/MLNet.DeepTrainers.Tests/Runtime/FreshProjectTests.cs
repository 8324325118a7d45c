using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MLNet.DeepTrainers.Tests.Runtime;

/// <summary>
/// Applications as a user makes them: the library packed by eng/pack.sh into a local feed (once for the
/// class, <see cref="PackedFeed"/>), and console projects in temporary folders, outside the repository's
/// build settings, that add the package and TorchSharp-cpu and whose Program.cs is a whole program of the
/// README's. They restore, build and train through TorchSharp's native library (loaded on Debian 12 by the
/// package's compatibility step, with no step of the application's own) and the package's native collectives.
/// </summary>
public sealed partial class FreshProjectTests(FreshProjectTests.PackedFeed feed) : IClassFixture<FreshProjectTests.PackedFeed>
{
    [Fact]
    public void The_package_installs_into_a_fresh_console_project_that_runs_the_READMEs_tour()
    {
        string folder = feed.Application("Tour", Block("tour"), "Microsoft.ML.FastTree");
        string output = Run("dotnet", folder, "run");
        Assert.Matches(@"MLP: MAE \d+\.\d\d", output);
        Assert.Matches(@"FastTree: MAE \d+\.\d\d", output);
        Assert.Contains("Trainable params: 5,121", output);  // Keras's count: (13+1)·64 + (64+1)·64 + (64+1)·1
        Assert.Contains("Total params: 5,123", output);      // and the label's mean and variance (NormalizeLabel)
        var prediction = PredictionLine().Match(output);
        Assert.True(prediction.Success, output);
        Assert.True(Math.Abs(double.Parse(prediction.Groups[1].Value) - 24.0) < 6, prediction.Value);
        Assert.True(File.Exists(Path.Combine(folder, "house.zip")));
        Assert.True(File.Exists(Path.Combine(folder, "history.svg")));
    }

    [Fact]
    public void The_package_carries_the_native_collectives_and_the_READMEs_rank_program_trains_on_two_ranks()
    {
        string folder = feed.Application("Ranks", Block("ranks"));
        Run("dotnet", folder, "build");
        string binaries = Path.Combine(folder, "bin", "Debug", "net10.0");
        // Nothing but the package puts it there: the application references no project of the repository.
        Assert.True(File.Exists(Path.Combine(binaries, "runtimes", "linux-x64", "native", "libmlnet_deeptrainers_gloo.so")));

        string output = Run("bash", folder, Path.Combine(RepositoryRoot(), "eng", "launch.sh"), "--nproc", "2",
            "--master-port", $"{Distributed.Ranks.FreePort()}", "--", Distributed.Ranks.DotNet, Path.Combine(binaries, "Ranks.dll"));

        var errors = RankLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.True(errors.Count == 2, output);
        Assert.Equal(errors["0"], errors["1"]);
        Assert.True(double.Parse(errors["0"]) < 5, output);  // the mean price is 22.5; a constant model's MAE is 6.6
        Assert.True(File.Exists(Path.Combine(folder, "house.zip")));
    }

    /// <summary>
    /// A prerelease of the library packed for this test class (its own version, so that no package of the
    /// same version in NuGet's cache stands in for it), in a feed of its own, and the folders of the applications made from it.
    /// </summary>
    public sealed class PackedFeed : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("mldt-package-").FullName;
        private readonly string _version;

        public PackedFeed()
        {
            string suffix = $"fresh{Guid.NewGuid():N}"[..16];
            _version = $"{typeof(DeepTrainer).Assembly.GetName().Version!.ToString(3)}-{suffix}";
            string feed = Path.Combine(_folder, "feed");
            Run("bash", RepositoryRoot(), Path.Combine(RepositoryRoot(), "eng", "pack.sh"), feed, "--version-suffix", suffix);
            Assert.True(File.Exists(Path.Combine(feed, $"MLNet.DeepTrainers.{_version}.nupkg")));
            File.WriteAllText(Path.Combine(_folder, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
        }

        /// <summary>A console project <paramref name="name"/> whose Program.cs is <paramref name="program"/>, with the Boston data beside it.</summary>
        public string Application(string name, string program, params string[] packagesOfMLNet)
        {
            string folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
            string references = string.Concat(packagesOfMLNet.Select(p => $"""<PackageReference Include="{p}" Version="6.0.0" />"""));
            File.WriteAllText(Path.Combine(folder, $"{name}.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="MLNet.DeepTrainers" Version="{_version}" />
                    <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
                    {references}
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
            File.Copy(Path.Combine(RepositoryRoot(), "data", "boston_house_prices.csv"), Path.Combine(folder, "boston_house_prices.csv"));
            return folder;
        }

        public void Dispose()
        {
            Directory.Delete(_folder, recursive: true);
            string cached = Path.Combine(GlobalPackagesFolder(), "mlnet.deeptrainers", _version);
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

    /// <summary>The C# block of the README between the markers &lt;!-- <paramref name="name"/> --&gt; and &lt;!-- /<paramref name="name"/> --&gt;.</summary>
    internal static string Block(string name)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var block = Regex.Match(readme, $@"<!-- {name} -->\s*```csharp\n(.*?)```\s*<!-- /{name} -->", RegexOptions.Singleline);
        Assert.True(block.Success, $"README.md has no C# block between <!-- {name} --> and <!-- /{name} -->.");
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

    [GeneratedRegex(@"\[rank (\d)\] rank \1 of 2: MAE (\d+\.\d{4}) on all rows")]
    private static partial Regex RankLine();

    [GeneratedRegex(@"predicted (\d+\.\d), actual")]
    private static partial Regex PredictionLine();
}
