using MLNet.DeepTrainers.Trainers;
using System.Runtime.InteropServices;
using MLNet.DeepTrainers.Models;

namespace MLNet.DeepTrainers.Torch;

/// <summary>
/// A native network with its optimizer and loss. Every call passes pinned managed buffers; results
/// come back as managed arrays, so no native tensor ever reaches the caller.
/// </summary>
internal sealed class TorchNetwork : IDisposable
{
    private readonly NetworkHandle _handle;

    public TorchNetwork(string spec, ulong seed, int device)
    {
        NativeMethods.EnsureLoaded();
        _handle = NativeMethods.NetCreate(spec, seed, device);
        if (_handle.IsInvalid)
            throw new TorchException(TorchRuntime.LastError());
    }

    public void SetOptimizer(string spec) => TorchRuntime.Check(NativeMethods.NetSetOptimizer(_handle, spec));

    public void SetLearningRate(double learningRate) => TorchRuntime.Check(NativeMethods.NetSetLearningRate(_handle, learningRate));

    public void SetLoss(string spec) => TorchRuntime.Check(NativeMethods.NetSetLoss(_handle, spec));

    /// <summary>One optimizer step on a batch; returns its mean loss and writes the raw outputs into <paramref name="outputs"/> unless it is empty.</summary>
    public unsafe float TrainBatch(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> weights, int rows, int targetWidth, Span<float> outputs)
    {
        fixed (float* px = x, py = y, pw = weights, po = outputs)
        {
            TorchRuntime.Check(NativeMethods.NetTrainBatch(_handle, px, py, weights.IsEmpty ? null : pw, rows, targetWidth, out float loss, outputs.IsEmpty ? null : po));
            return loss;
        }
    }

    /// <summary>The mean loss of a batch without training, and its raw outputs unless <paramref name="outputs"/> is empty.</summary>
    public unsafe float Evaluate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> weights, int rows, int targetWidth, Span<float> outputs)
    {
        fixed (float* px = x, py = y, pw = weights, po = outputs)
        {
            TorchRuntime.Check(NativeMethods.NetEvaluate(_handle, px, py, weights.IsEmpty ? null : pw, rows, targetWidth, out float loss, outputs.IsEmpty ? null : po));
            return loss;
        }
    }

    public unsafe void Predict(ReadOnlySpan<float> x, int rows, Span<float> output)
    {
        fixed (float* px = x, po = output)
            TorchRuntime.Check(NativeMethods.NetPredict(_handle, px, rows, po));
    }

    /// <summary>Every parameter by its PyTorch-style name ("0.weight", "0.bias", ...), copied out.</summary>
    public unsafe Dictionary<string, NamedTensor> GetParameters()
    {
        var result = new Dictionary<string, NamedTensor>();
        int count = NativeMethods.NetParameterCount(_handle);
        for (int i = 0; i < count; i++)
        {
            var (name, shape) = Describe(i);
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            fixed (float* p = values)
                TorchRuntime.Check(NativeMethods.NetParameterGet(_handle, i, p, values.LongLength));
            result[name] = new NamedTensor(shape, values);
        }
        return result;
    }

    /// <summary>Overwrites every parameter; each must be present with its exact shape.</summary>
    public unsafe void SetParameters(IReadOnlyDictionary<string, NamedTensor> parameters, string where)
    {
        int count = NativeMethods.NetParameterCount(_handle);
        for (int i = 0; i < count; i++)
        {
            var (name, shape) = Describe(i);
            if (!parameters.TryGetValue(name, out var tensor))
                throw new InvalidDataException($"{where}: the weights lack '{name}'.");
            if (!tensor.Shape.SequenceEqual(shape))
                throw new InvalidDataException($"{where}: the weight '{name}' has shape [{string.Join(", ", tensor.Shape)}]; the network needs [{string.Join(", ", shape)}].");
            fixed (float* p = tensor.Values)
                TorchRuntime.Check(NativeMethods.NetParameterSet(_handle, i, p, tensor.Values.LongLength));
        }
    }

    private unsafe (string Name, long[] Shape) Describe(int index)
    {
        var name = Marshal.PtrToStringUTF8(NativeMethods.NetParameterName(_handle, index)) ?? throw new TorchException(TorchRuntime.LastError());
        long* dims = stackalloc long[8];
        int ndim = NativeMethods.NetParameterShape(_handle, index, dims, 8);
        TorchRuntime.Check(ndim);
        return (name, new ReadOnlySpan<long>(dims, ndim).ToArray());
    }

    public void Dispose() => _handle.Dispose();
}
