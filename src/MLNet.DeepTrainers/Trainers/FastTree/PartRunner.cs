namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Runs the parts of a split-up job on a few threads: the calling thread and dedicated ones that stay
/// awake (spinning briefly) between jobs. Each thread claims the next unclaimed part until none is
/// left, so a thread the machine slows down (a shared machine takes cores away) hands its share to
/// the others instead of holding them up. A tree needs a few dozen short parallel steps; waking pool
/// threads for each one costs more than the steps gain on two cores.
/// </summary>
internal sealed class PartRunner : IDisposable
{
    // About 0.1 to 0.5 ms of spinning before a worker sleeps: longer than the serial work between two
    // steps of a tree, far shorter than anything a user would notice.
    private const int SpinRounds = 2000;
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private Job _job = new(0, (_, _) => { });
    private int _generation;
    private volatile bool _stopping;

    public PartRunner(int threads)
    {
        Threads = Math.Max(1, threads);
        _workers = Enumerable.Range(1, Threads - 1).Select(thread => new Thread(() => Work(thread)) { IsBackground = true, Name = $"tree thread {thread}" }).ToArray();
        foreach (var worker in _workers)
            worker.Start();
    }

    public int Threads { get; }

    /// <summary>
    /// Runs <paramref name="action"/>(part, thread) for parts 0 to <paramref name="parts"/> - 1 and
    /// returns when all are done; thread (0 to <see cref="Threads"/> - 1) names the thread running the
    /// part, for per-thread buffers. Which thread runs which part varies from run to run.
    /// </summary>
    public void Run(int parts, Action<int, int> action)
    {
        var job = new Job(parts, action);
        if (_workers.Length > 0 && parts > 1)
        {
            Volatile.Write(ref _job, job);
            lock (_gate)
            {
                _generation++;
                Monitor.PulseAll(_gate);
            }
        }
        job.Claim(0);
        var wait = new SpinWait();
        while (Volatile.Read(ref job.Done) < parts)
            wait.SpinOnce(sleep1Threshold: -1);
        if (job.Error is Exception error)
            throw new AggregateException(error);
    }

    private void Work(int thread)
    {
        int seen = 0;
        while (true)
        {
            for (int spin = 0; Volatile.Read(ref _generation) == seen; spin++)
            {
                if (spin < SpinRounds)
                {
                    Thread.SpinWait(20);
                    continue;
                }
                lock (_gate)
                {
                    while (_generation == seen && !_stopping)
                        Monitor.Wait(_gate);
                }
                if (_stopping)
                    return;
            }
            seen = Volatile.Read(ref _generation);
            if (_stopping)
                return;
            // The job published with this generation or a later one; a finished job has no parts left to claim.
            Volatile.Read(ref _job).Claim(thread);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }
        foreach (var worker in _workers)
            worker.Join();
    }

    private sealed class Job(int parts, Action<int, int> action)
    {
        private int _next;
        public int Done;
        public Exception? Error;

        // Runs unclaimed parts on this thread until none is left; a failing part still counts as done.
        public void Claim(int thread)
        {
            int part;
            while ((part = Interlocked.Increment(ref _next) - 1) < parts)
            {
                try
                {
                    action(part, thread);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Error, e, null);
                }
                Interlocked.Increment(ref Done);
            }
        }
    }
}
