using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MLNet.DeepTrainers.Distributed;
using MLNet.DeepTrainers.GlooWorker;

// One rank of the Gloo tests, started with MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK set:
//
//   worker MODE TIMEOUT_SECONDS [COUNT]
//
// check: sums, broadcasts from rank 0 and from the last rank, and a barrier, each result checked here.
// exit: the last rank exits once every rank joined; the others then sum and must fail.
// freeze: the last rank stops itself (SIGSTOP) once every rank joined; the others then sum and must fail.
// time: sums COUNT floats 20 times after 3 unmeasured times; rank 0 prints the mean milliseconds.
// Prints "rank R ok" when the mode's checks passed, "rank R failed: MESSAGE" when the group threw
// ("rank R failed after S s: MESSAGE" for the sum that exit and freeze make fail; exit code 2), and
// exits with 1 when a result is wrong.
//
//   worker fit DIRECTORY HIDDEN [cancel]
//
// fit: trains, with HIDDEN units in the hidden layer (the last rank cancelling after its first epoch with cancel), as one rank of data-parallel training and writes its results into DIRECTORY (DataParallelFit).
if (args is ["fit", string directory, string hidden, .. var cancel] && cancel is [] or ["cancel"])
{
    DataParallelFit.Run(directory, int.Parse(Environment.GetEnvironmentVariable("WORLD_SIZE")!, CultureInfo.InvariantCulture),
        int.Parse(Environment.GetEnvironmentVariable("RANK")!, CultureInfo.InvariantCulture), int.Parse(hidden, CultureInfo.InvariantCulture), lastRankCancels: cancel is ["cancel"]);
    return 0;
}
if (args.Length is < 2 or > 3 || args[0] is not ("check" or "exit" or "freeze" or "time"))
{
    Console.Error.WriteLine("usage: worker check|exit|freeze|time TIMEOUT_SECONDS [COUNT], or worker fit DIRECTORY HIDDEN [cancel]");
    return 64;
}
string mode = args[0];
var timeout = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
int count = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
int rank = int.Parse(Environment.GetEnvironmentVariable("RANK") ?? "0", CultureInfo.InvariantCulture);
try
{
    using var group = GlooGroup.FromEnvironment(timeout);
    int last = group.WorldSize - 1;
    switch (mode)
    {
        case "check":
            return Check(group) ? Passed() : 1;
        case "exit" or "freeze":
            group.Barrier();
            if (rank == last && mode == "exit")
                Environment.Exit(3);
            if (rank == last)
                kill(Environment.ProcessId, 19); // SIGSTOP: the process stays, silent, until the test kills it.
            var clock = Stopwatch.StartNew();
            try
            {
                group.AllReduceSum(new float[count]);
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine(FormattableString.Invariant($"rank {rank} failed after {clock.Elapsed.TotalSeconds:F2} s: {e.Message}"));
                return 2;
            }
            Console.WriteLine($"rank {rank}: the sum succeeded without rank {last}");
            return 1;
        default:
            var values = new float[count];
            for (int i = 0; i < 3; i++)
                group.AllReduceSum(values);
            var timing = Stopwatch.StartNew();
            for (int i = 0; i < 20; i++)
                group.AllReduceSum(values);
            if (rank == 0)
                Console.WriteLine(FormattableString.Invariant($"allreduce of {count} floats on {group.WorldSize} ranks: {timing.Elapsed.TotalMilliseconds / 20:F2} ms"));
            return Passed();
    }
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException)
{
    Console.WriteLine($"rank {rank} failed: {e.Message}");
    return 2;
}

int Passed()
{
    Console.WriteLine($"rank {rank} ok");
    return 0;
}

// Rank r contributes (r + 1) * i + 0.5 at index i, so every index sums to a known value.
static bool Check(GlooGroup group)
{
    int n = group.WorldSize, r = group.Rank;
    var sum = Enumerable.Range(0, 1000).Select(i => (r + 1) * i + 0.5f).ToArray();
    group.AllReduceSum(sum);
    for (int i = 0; i < sum.Length; i++)
        if (sum[i] != i * n * (n + 1) / 2f + 0.5f * n)
            return Wrong($"sum[{i}] is {sum[i]}");
    foreach (int root in new[] { 0, n - 1 })
    {
        var shared = Enumerable.Range(0, 777).Select(i => r == root ? i * 3f + root : -1f).ToArray();
        group.Broadcast(shared, root);
        for (int i = 0; i < shared.Length; i++)
            if (shared[i] != i * 3f + root)
                return Wrong($"rank {root}'s broadcast gave {shared[i]} at {i}");
    }
    group.Barrier();
    return true;

    bool Wrong(string what)
    {
        Console.WriteLine($"rank {r}: {what}");
        return false;
    }
}

[DllImport("libc", SetLastError = true)]
static extern int kill(int pid, int signal);
