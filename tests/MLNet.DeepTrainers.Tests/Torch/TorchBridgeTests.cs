using System.Runtime.InteropServices;
using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Torch;

namespace MLNet.DeepTrainers.Tests.Torch;

public class TorchBridgeTests
{
    private static NetworkArchitecture OneDense(int inputs) => new([inputs], [new Dense(1)], ActivationKind.Linear);

    [Fact]
    public void Threads_default_to_every_core()
    {
        TorchRuntime.UseThreads(null);
        Assert.Equal(Environment.ProcessorCount, NativeMethods.GetNumThreads());
    }

    [Fact]
    public void A_missing_native_library_names_the_file_and_the_set_up_script()
    {
        var error = Assert.Throws<DllNotFoundException>(() => NativeMethods.LoadFrom("/nowhere/libmldt_missing.so", typeof(NativeMethods).Assembly, DllImportSearchPath.AssemblyDirectory));
        Assert.Contains("/nowhere/libmldt_missing.so", error.Message);
        Assert.Contains("eng/setup.sh", error.Message);
    }

    [Fact]
    public void Parameters_round_trip_through_the_native_module()
    {
        using var network = new TorchNetwork(OneDense(2), seed: 1, device: -1);
        var parameters = network.GetParameters();
        Assert.Equal(["0.weight", "0.bias"], parameters.Keys);
        Assert.Equal([1L, 2L], parameters["0.weight"].Shape);

        network.SetParameters(new Dictionary<string, NamedTensor>
        {
            ["0.weight"] = new([1, 2], [2, -3]),
            ["0.bias"] = new([1], [0.5f]),
        });
        var output = new float[2];
        network.Predict([1, 1, 10, 2], 2, output);
        Assert.Equal([2 - 3 + 0.5f, 20 - 6 + 0.5f], output); // hand computed: w·x + b
    }
}
