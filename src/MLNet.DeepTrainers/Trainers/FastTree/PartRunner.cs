namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Runs one action on every part of a split-up job, part 0 on the calling thread and the others on
/// dedicated threads that stay awake (spinning briefly) between jobs. A tree needs a few dozen short
/// parallel steps; waking pool threads for each one costs more than the steps gain on two cores.
/// </summary>
internal sealed class PartRunner : IDisposable
{
    // About 0.1 to 0.5 ms of spinning before a worker sleeps: longer than the serial work between two
    // steps of a tree, far shorter than anything a user would notice.
    private const int SpinRounds = 2000;
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private Action<int> _action = _ => { };
    private int _generation;
    private int _pending;
    private volatile bool _stopping;
    private Exception? _error;

    public PartRunner(int parts)
    {
        Parts = Math.Max(1, parts);
        _workers = Enumerable.Range(1, Parts - 1).Select(part => new Thread(() => Work(part)) { IsBackground = true, Name = $"tree part {part}" }).ToArray();
        foreach (var worker in _workers)
            worker.Start();
    }

    public int Parts { get; }

    /// <summary>Runs <paramref name="action"/>(part) for every part and returns when all are done.</summary>
    public void Run(Action<int> action)
    {
        if (_workers.Length == 0)
        {
            action(0);
            return;
        }
        _action = action;
        _error = null;
        Volatile.Write(ref _pending, _workers.Length);
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }
        try
        {
            action(0);
        }
        finally
        {
            var wait = new SpinWait();
            while (Volatile.Read(ref _pending) > 0)
                wait.SpinOnce(sleep1Threshold: -1);
        }
        if (_error is Exception error)
            throw new AggregateException(error);
    }

    private void Work(int part)
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
            try
            {
                _action(part);
            }
            catch (Exception e)
            {
                _error = e;
            }
            Interlocked.Decrement(ref _pending);
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
}
