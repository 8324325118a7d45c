using System.IO.Compression;
using System.Text.RegularExpressions;

namespace MLNet.DeepTrainers.Tests.Packaging;

/// <summary>
/// The package as a user meets it: eng/pack.sh builds it, a fresh console project adds it from a local
/// feed with `dotnet add package`, and the README's five-minute tour, pasted in as Program.cs, builds
/// and runs against it (no project reference, no build of the native shim).
/// </summary>
public partial class NuGetPackageTests
{
    [Fact]
    public void The_package_installs_into_a_fresh_project_and_the_READMEs_tour_runs()
    {
        string root = TestFiles.ScratchFolder(), feed = Path.Combine(root, "feed"), project = Path.Combine(root, "tour");
        // A packages folder of its own, so no copy of an older build of the same version is taken from the user's cache.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        ExternalTool.RunIn(ExternalTool.RepositoryRoot, environment, "bash", "eng/pack.sh", feed);
        string package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/MLNet.DeepTrainers.dll", entries);
            Assert.Contains("lib/net10.0/MLNet.DeepTrainers.xml", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("runtimes/linux-x64/native/libmldt_native.so", entries);
        }

        ExternalTool.RunIn(root, environment, "dotnet", "new", "console", "--output", project, "--framework", "net10.0");
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        ExternalTool.RunIn(project, environment, "dotnet", "add", "package", "MLNet.DeepTrainers");
        File.WriteAllText(Path.Combine(project, "Program.cs"), Tour());
        File.Copy(TestFiles.Data("boston_house_prices.csv"), Path.Combine(project, "boston_house_prices.csv"));

        string output = ExternalTool.RunIn(project, environment, "dotnet", "run", "-c", "Release");

        Assert.Contains("Total params: 5,121", output);
        Assert.Matches(@"first house: actual 24, predicted \d+\.\d", output);
        Assert.Matches(@"MLP\s+\d+\.\d+", output);
        Assert.True(File.Exists(Path.Combine(project, "house.zip")));
    }

    /// <summary>The first C# block of the README's "A five-minute tour" section.</summary>
    private static string Tour()
    {
        string readme = File.ReadAllText(Path.Combine(ExternalTool.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("## A five-minute tour", StringComparison.Ordinal)..];
        return CSharpBlock().Match(section).Groups[1].Value;
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
