using System.Runtime.InteropServices;
using MLNet.DeepTrainers.Torch;

namespace MLNet.DeepTrainers.Tests.Torch;

public class TorchBridgeTests
{
    [Fact]
    public void Threads_default_to_every_core()
    {
        TorchRuntime.UseThreads(null);
        Assert.Equal(Environment.ProcessorCount, NativeMethods.GetNumThreads());
    }

    [Fact]
    public void A_libtorch_error_becomes_an_exception_with_libtorchs_message()
    {
        // A Dense layer of 3 inputs fed 2 features: libtorch's matrix product refuses the shapes.
        using var network = new TorchNetwork("input 2\ndense 3 1\noutput 1\n", seed: 1, device: -1);
        var error = Assert.Throws<TorchException>(() => network.Predict(new float[2], 1, new float[1]));
        Assert.Contains("mat1 and mat2", error.Message);
    }

    [Fact]
    public void A_bad_spec_is_reported_not_crashed_on()
    {
        var error = Assert.Throws<TorchException>(() => new TorchNetwork("input 2\nconvolve 3\noutput 1\n", seed: 1, device: -1));
        Assert.Contains("unknown layer kind 'convolve'", error.Message);
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
        using var network = new TorchNetwork("input 2\ndense 2 1 bias=1\noutput 1\n", seed: 1, device: -1);
        var parameters = network.GetParameters();
        Assert.Equal(["0.weight", "0.bias"], parameters.Keys);
        Assert.Equal([1L, 2L], parameters["0.weight"].Shape);

        network.SetParameters(new Dictionary<string, MLNet.DeepTrainers.Trainers.NamedTensor>
        {
            ["0.weight"] = new([1, 2], [2, -3]),
            ["0.bias"] = new([1], [0.5f]),
        }, "test");
        var output = new float[2];
        network.Predict([1, 1, 10, 2], 2, output);
        Assert.Equal([2 - 3 + 0.5f, 20 - 6 + 0.5f], output); // hand computed: w·x + b
    }
}
