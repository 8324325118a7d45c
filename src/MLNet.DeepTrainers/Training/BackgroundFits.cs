namespace MLNet.DeepTrainers;

/// <summary>
/// Runs small fits on threads of their own, at most one per core at a time, so that fits an application
/// makes one after another without using the models in between (ML.NET's <c>CrossValidate</c> fits every
/// fold before it evaluates any) train side by side. A small step runs on one libtorch thread (see
/// <see cref="TorchRuntime.UseThreads"/>), leaving the other cores idle otherwise.
/// </summary>
internal static class BackgroundFits
{
    private static readonly SemaphoreSlim Cores = new(Environment.ProcessorCount);

    /// <summary>Starts <paramref name="fit"/> on a new thread once a core is free; the task ends with its model or its exception.</summary>
    public static Task<DeepModel> Start(Func<DeepModel> fit, string user)
    {
        var result = new TaskCompletionSource<DeepModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Cores.Wait();
            try
            {
                result.SetResult(fit());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
            finally
            {
                Cores.Release();
            }
        })
        {
            IsBackground = true,
            Name = $"{user} fit",
        };
        thread.Start();
        return result.Task;
    }
}
