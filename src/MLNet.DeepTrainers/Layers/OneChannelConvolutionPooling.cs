using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MLNet.DeepTrainers;

/// <summary>
/// A one-channel image's convolution (stride 1, no padding) and the 2×2 max pooling after it, in one pass
/// over raw buffers on the CPU, as a libtorch autograd function: the seeds' first convnet block. Through
/// libtorch the block writes the convolution's whole output (32 filters × 26 × 26 per image, 11 MB for a
/// batch of 128), pools it, then scatters the pooled gradient back over as large a tensor for the kernel's
/// gradient: about 4.3 ms forward and 6 ms backward for a batch of 128 on this 2-core machine, memory-bound
/// (libtorch's own conv2d and max_pool2d: 12.6 ms together). Here each pooled value is the largest of its
/// four positions' dot products, computed in registers (16 filters per vector), and only the pooled values
/// and which position won are written; the kernel's gradient gathers each pooled gradient's patch from the
/// image: 1.15 ms forward and 1.1 backward. The convolution's ReLU, if any, is taken in too: it commutes with
/// the maximum, so it applies to the pooled values, and a pooled value it zeroes passes no gradient back
/// (through libtorch, a ReLU over the pooled values and its backward had cost about 0.5 ms a step more).
/// The filters are stepped 16 at a time, so their number must be a multiple of 16. The image needs no
/// gradient (it is the network's input), so none is computed.
/// </summary>
internal static class OneChannelConvolutionPooling
{
    /// <summary>The filters one vector holds.</summary>
    public const int FilterStep = 16;

    /// <summary>
    /// The pooled values [N, filters, H', W'] (channels-last in memory, as the one-channel convolution's output is)
    /// of <paramref name="images"/> [N, 1, H, W] convolved with <paramref name="weight"/> [filters, 1, k, k] plus
    /// <paramref name="bias"/> (or none), each pooled value the largest of a 2×2 window (libtorch's first largest),
    /// then, with <paramref name="relu"/>, at least 0 (libtorch's ReLU: NaN stays NaN, and no gradient passes where the value is not above 0).
    /// </summary>
    public static Tensor Forward(Tensor images, Tensor weight, Tensor? bias, bool relu) => Function.apply(images, weight, bias!, relu);

    /// <summary>The autograd function: pooled values forward; the kernel's and the bias's gradients backward.</summary>
    private sealed class Function : torch.autograd.SingleTensorFunction<Function>
    {
        public override string Name => nameof(OneChannelConvolutionPooling);

        public override Tensor forward(torch.autograd.AutogradContext ctx, params object[] vars)
        {
            var images = ((Tensor)vars[0]).contiguous();
            var weight = (Tensor)vars[1];
            var bias = vars[2] as Tensor;
            bool relu = (bool)vars[3];
            var shape = new Shape((int)images.shape[0], (int)images.shape[2], (int)images.shape[3], (int)weight.shape[2], (int)weight.shape[0]);
            using var kernel = weight.reshape(shape.Filters, shape.Taps).t().contiguous();
            using var noBias = bias is null ? torch.zeros(shape.Filters) : null;
            var pooled = torch.empty(shape.Images, shape.PooledRows, shape.PooledColumns, shape.Filters);
            var winners = torch.empty(shape.Images, shape.PooledRows, shape.PooledColumns, shape.Filters);
            unsafe
            {
                float* x = Pointer(images), k = Pointer(kernel), b = Pointer(bias ?? noBias!), y = Pointer(pooled), w = Pointer(winners);
                InParts(shape.Images, (_, first, end) => ForwardImages(shape, x, k, b, relu, y, w, first, end));
            }
            ctx.save_for_backward([images, winners]);
            ctx.save_data("shape", shape);
            ctx.save_data("hasBias", bias is not null);
            return pooled.permute(0, 3, 1, 2);
        }

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            var (images, winners) = (saved[0], saved[1]);
            var shape = (Shape)ctx.get_data("shape");
            using var gradient = grad_output.permute(0, 2, 3, 1).contiguous();
            int parts = Parts(shape.Images);
            var kernelParts = torch.zeros(parts, shape.Taps, shape.Filters);
            var biasParts = torch.zeros(parts, shape.Filters);
            unsafe
            {
                float* x = Pointer(images), g = Pointer(gradient), w = Pointer(winners), dk = Pointer(kernelParts), db = Pointer(biasParts);
                InParts(shape.Images, (part, first, end) =>
                    BackwardImages(shape, x, g, w, dk + (long)part * shape.Taps * shape.Filters, db + (long)part * shape.Filters, first, end));
            }
            using var kernelSum = kernelParts.sum(dim: 0L);
            var weightGradient = kernelSum.t().reshape(shape.Filters, 1, shape.Kernel, shape.Kernel).contiguous();
            var biasGradient = (bool)ctx.get_data("hasBias") ? biasParts.sum(dim: 0L) : null;
            return [null!, weightGradient, biasGradient!, null!];
        }
    }

    /// <summary>The sizes one call works with: images of rows × columns, a kernel × kernel convolution, its filters.</summary>
    private readonly record struct Shape(int Images, int Rows, int Columns, int Kernel, int Filters)
    {
        public int Taps => Kernel * Kernel;

        public int PooledRows => (Rows - Kernel + 1) / 2;

        public int PooledColumns => (Columns - Kernel + 1) / 2;
    }

    /// <summary>Pools images [first, end): each pooled value and its winning position (0-3, or -1 where the ReLU zeroed it).</summary>
    private static unsafe void ForwardImages(Shape s, float* images, float* kernel, float* bias, bool relu, float* pooled, float* winners, int first, int end)
    {
        int* offsets = stackalloc int[s.Taps];
        for (int t = 0; t < s.Taps; t++)
            offsets[t] = t / s.Kernel * s.Columns + t % s.Kernel;
        for (int n = first; n < end; n++)
        {
            float* image = images + (long)n * s.Rows * s.Columns;
            for (int f = 0; f < s.Filters; f += FilterStep)
            {
                var start = Vector512.Load(bias + f);
                for (int i = 0; i < s.PooledRows; i++)
                {
                    for (int j = 0; j < s.PooledColumns; j++)
                    {
                        var best = Vector512.Create(float.NegativeInfinity);
                        var winner = Vector512<float>.Zero;
                        for (int position = 0; position < 4; position++)
                        {
                            float* patch = image + (2 * i + (position >> 1)) * s.Columns + 2 * j + (position & 1);
                            var sum = start;
                            for (int t = 0; t < s.Taps; t++)
                                sum = Vector512.FusedMultiplyAdd(Vector512.Create(patch[offsets[t]]), Vector512.Load(kernel + t * s.Filters + f), sum);
                            // libtorch's rule: a later position wins only if larger, or NaN.
                            var wins = Vector512.GreaterThan(sum, best) | ~Vector512.Equals(sum, sum);
                            best = Vector512.ConditionalSelect(wins, sum, best);
                            winner = Vector512.ConditionalSelect(wins, Vector512.Create((float)position), winner);
                        }
                        if (relu)
                        {
                            var positive = Vector512.GreaterThan(best, Vector512<float>.Zero);
                            best = Vector512.ConditionalSelect(positive | ~Vector512.Equals(best, best), best, Vector512<float>.Zero);
                            winner = Vector512.ConditionalSelect(positive, winner, Vector512.Create(-1f));
                        }
                        long at = (((long)n * s.PooledRows + i) * s.PooledColumns + j) * s.Filters + f;
                        best.Store(pooled + at);
                        winner.Store(winners + at);
                    }
                }
            }
        }
    }

    private static unsafe void BackwardImages(Shape s, float* images, float* gradient, float* winners, float* kernelGradient, float* biasGradient, int first, int end)
    {
        int* offsets = stackalloc int[s.Taps];
        for (int t = 0; t < s.Taps; t++)
            offsets[t] = t / s.Kernel * s.Columns + t % s.Kernel;
        var sums = stackalloc Vector512<float>[s.Taps];
        for (int f = 0; f < s.Filters; f += FilterStep)
        {
            for (int t = 0; t < s.Taps; t++)
                sums[t] = Vector512<float>.Zero;
            var biasSum = Vector512<float>.Zero;
            for (int n = first; n < end; n++)
            {
                float* image = images + (long)n * s.Rows * s.Columns;
                for (int i = 0; i < s.PooledRows; i++)
                {
                    for (int j = 0; j < s.PooledColumns; j++)
                    {
                        long at = (((long)n * s.PooledRows + i) * s.PooledColumns + j) * s.Filters + f;
                        var winner = Vector512.Load(winners + at);
                        var g = Vector512.ConditionalSelect(Vector512.Equals(winner, Vector512.Create(-1f)), Vector512<float>.Zero, Vector512.Load(gradient + at));
                        biasSum += g;
                        for (int position = 0; position < 4; position++)
                        {
                            var won = Vector512.ConditionalSelect(Vector512.Equals(winner, Vector512.Create((float)position)), g, Vector512<float>.Zero);
                            float* patch = image + (2 * i + (position >> 1)) * s.Columns + 2 * j + (position & 1);
                            for (int t = 0; t < s.Taps; t++)
                                sums[t] = Vector512.FusedMultiplyAdd(Vector512.Create(patch[offsets[t]]), won, sums[t]);
                        }
                    }
                }
            }
            for (int t = 0; t < s.Taps; t++)
                sums[t].Store(kernelGradient + t * s.Filters + f);
            biasSum.Store(biasGradient + f);
        }
    }

    /// <summary>How many parts the images are split into: libtorch's threads for this thread (one for a small step), at most one per image.</summary>
    private static int Parts(int images) => Math.Clamp(torch.get_num_threads(), 1, images);

    /// <summary>Runs <paramref name="work"/> (part, first image, end) over <see cref="Parts"/> consecutive ranges of the images, side by side on libtorch's threads.</summary>
    private static void InParts(int images, Action<int, int, int> work)
    {
        int parts = Parts(images);
        OpenMpTeam.Run(parts, part => work(part, part * images / parts, (part + 1) * images / parts));
    }

    /// <summary>The first value of a contiguous float tensor on the CPU.</summary>
    private static unsafe float* Pointer(Tensor tensor) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));
}
