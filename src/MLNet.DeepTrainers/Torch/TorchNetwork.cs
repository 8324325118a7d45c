using System.Runtime.InteropServices;
using System.Text;

namespace MLNet.DeepTrainers.Torch;

/// <summary>
/// A native network with its optimizer and loss. Every call passes pinned managed buffers with their
/// lengths, which the shim checks against the shapes; results come back as managed arrays, so no
/// native tensor ever reaches the caller.
/// </summary>
internal sealed class TorchNetwork : IDisposable
{
    private const int MaxDimensions = 8;
    private readonly NetworkHandle _handle;

    /// <summary>Builds the network of <paramref name="architecture"/> and checks that libtorch holds exactly the tensors C# inferred.</summary>
    public TorchNetwork(NetworkArchitecture architecture, ulong seed, int device)
    {
        NativeMethods.EnsureLoaded();
        _handle = NativeMethods.NetCreate(architecture.Spec(), seed, device);
        if (_handle.IsInvalid)
            throw new TorchException(TorchRuntime.LastError());
        var expected = architecture.Tensors();
        var found = Enumerable.Range(0, NativeMethods.NetParameterCount(_handle)).Select(Describe).ToList();
        if (found.Count != expected.Count || found.Any(t => !expected.TryGetValue(t.Name, out var shape) || !shape.SequenceEqual(t.Shape)))
        {
            _handle.Dispose();
            throw new TorchException($"The native network's tensors ({Describe(found)}) differ from the ones its layers declare ({Describe(expected.Select(e => (e.Key, e.Value)))}). This is a bug in the library; please report it.");
        }
    }

    public void SetOptimizer(SpecLine spec) => TorchRuntime.Check(NativeMethods.NetSetOptimizer(_handle, spec.ToString()));

    public void SetLearningRate(double learningRate) => TorchRuntime.Check(NativeMethods.NetSetLearningRate(_handle, learningRate));

    public void SetLoss(SpecLine spec) => TorchRuntime.Check(NativeMethods.NetSetLoss(_handle, spec.ToString()));

    /// <summary>The network, optimizer and loss specs as the shim understood them, one line each.</summary>
    public unsafe string Understood()
    {
        long length = NativeMethods.NetUnderstood(_handle, null, 0);
        var text = new byte[checked((int)length + 1)];
        fixed (byte* p = text)
            NativeMethods.NetUnderstood(_handle, p, text.Length);
        return Encoding.UTF8.GetString(text, 0, (int)length);
    }

    /// <summary>One optimizer step on a batch; returns its mean loss and writes the raw outputs into <paramref name="outputs"/> unless it is empty.</summary>
    public unsafe float TrainBatch(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> weights, int rows, int targetWidth, Span<float> outputs)
    {
        fixed (float* px = x, py = y, pw = weights, po = outputs)
        {
            TorchRuntime.Check(NativeMethods.NetTrainBatch(_handle, px, x.Length, py, y.Length, weights.IsEmpty ? null : pw, weights.Length,
                rows, targetWidth, out float loss, outputs.IsEmpty ? null : po, outputs.Length));
            return loss;
        }
    }

    /// <summary>
    /// One data-parallel step (see <see cref="TorchProcessGroup"/>): this rank's <paramref name="rows"/>
    /// of a batch of <paramref name="totalRows"/> over every rank. Returns the whole batch's mean loss
    /// and whether any rank asked to stop (then no step was taken); writes this rank's raw outputs.
    /// </summary>
    public unsafe (float Loss, bool Stopped) TrainShard(TorchProcessGroup group, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> weights,
        int rows, int totalRows, int targetWidth, bool stop, Span<float> outputs)
    {
        fixed (float* px = x, py = y, pw = weights, po = outputs)
        {
            TorchRuntime.Check(NativeMethods.NetTrainShard(_handle, group.Handle, rows == 0 ? null : px, x.Length, rows == 0 ? null : py, y.Length,
                weights.IsEmpty ? null : pw, weights.Length, rows, totalRows, targetWidth, stop ? 1 : 0, out float loss, out int stopped,
                outputs.IsEmpty ? null : po, outputs.Length));
            return (loss, stopped != 0);
        }
    }

    /// <summary>Sets every weight and batch-normalization statistic to rank 0's.</summary>
    public void Broadcast(TorchProcessGroup group) => TorchRuntime.Check(NativeMethods.NetBroadcast(_handle, group.Handle));

    /// <summary>Sets every batch-normalization statistic to its mean over the ranks.</summary>
    public void AverageBuffers(TorchProcessGroup group) => TorchRuntime.Check(NativeMethods.NetAverageBuffers(_handle, group.Handle));

    /// <summary>The mean loss of a batch without training, and its raw outputs unless <paramref name="outputs"/> is empty.</summary>
    public unsafe float Evaluate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> weights, int rows, int targetWidth, Span<float> outputs)
    {
        fixed (float* px = x, py = y, pw = weights, po = outputs)
        {
            TorchRuntime.Check(NativeMethods.NetEvaluate(_handle, px, x.Length, py, y.Length, weights.IsEmpty ? null : pw, weights.Length,
                rows, targetWidth, out float loss, outputs.IsEmpty ? null : po, outputs.Length));
            return loss;
        }
    }

    public unsafe void Predict(ReadOnlySpan<float> x, int rows, Span<float> output)
    {
        fixed (float* px = x, po = output)
            TorchRuntime.Check(NativeMethods.NetPredict(_handle, px, x.Length, rows, po, output.Length));
    }

    /// <summary>Every parameter by its PyTorch-style name ("0.weight", "0.bias", ...), copied out.</summary>
    public unsafe Dictionary<string, NamedTensor> GetParameters()
    {
        var result = new Dictionary<string, NamedTensor>();
        int count = NativeMethods.NetParameterCount(_handle);
        for (int i = 0; i < count; i++)
        {
            var (name, shape) = Describe(i);
            var values = new float[shape.Aggregate(1L, (a, b) => checked(a * b))];
            fixed (float* p = values)
                TorchRuntime.Check(NativeMethods.NetParameterGet(_handle, i, p, values.LongLength));
            result[name] = new NamedTensor(shape, values);
        }
        return result;
    }

    /// <summary>Overwrites every parameter; each must be present with its exact shape (the caller checked the set against the architecture).</summary>
    public unsafe void SetParameters(IReadOnlyDictionary<string, NamedTensor> parameters)
    {
        int count = NativeMethods.NetParameterCount(_handle);
        for (int i = 0; i < count; i++)
        {
            var name = Describe(i).Name;
            var values = parameters[name].Values;
            fixed (float* p = values)
                TorchRuntime.Check(NativeMethods.NetParameterSet(_handle, i, p, values.LongLength));
        }
    }

    private unsafe (string Name, long[] Shape) Describe(int index)
    {
        var name = Marshal.PtrToStringUTF8(NativeMethods.NetParameterName(_handle, index)) ?? throw new TorchException(TorchRuntime.LastError());
        long* dims = stackalloc long[MaxDimensions];
        int ndim = NativeMethods.NetParameterShape(_handle, index, dims, MaxDimensions);
        TorchRuntime.Check(ndim);
        return (name, new ReadOnlySpan<long>(dims, ndim).ToArray());
    }

    private static string Describe(IEnumerable<(string Name, long[] Shape)> tensors) =>
        string.Join(", ", tensors.Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]"));

    public void Dispose() => _handle.Dispose();
}
