using System.Globalization;

namespace MLNet.DeepTrainers.Distributed;

/// <summary>
/// Where this process stands among the processes training together, from the variables torchrun,
/// Slurm scripts and Kubernetes' PyTorchJob set: MASTER_ADDR and MASTER_PORT (where rank 0 serves the
/// rendezvous), WORLD_SIZE, RANK and LOCAL_RANK (this process's index on its machine; RANK when unset).
/// </summary>
internal sealed record DistributedEnvironment(string MasterAddress, int MasterPort, int WorldSize, int Rank, int LocalRank)
{
    /// <summary>Reads the variables through <paramref name="variable"/>; throws naming every missing or invalid one.</summary>
    public static DistributedEnvironment Read(Func<string, string?> variable)
    {
        var problems = new List<string>();
        string address = variable("MASTER_ADDR") ?? "";
        if (address.Length == 0)
            problems.Add("MASTER_ADDR is not set (the address of rank 0's machine)");
        int port = Integer(variable, "MASTER_PORT", 1, 65535, problems);
        int worldSize = Integer(variable, "WORLD_SIZE", 1, int.MaxValue, problems);
        int rank = Integer(variable, "RANK", 0, Math.Max(0, worldSize - 1), problems);
        int localRank = string.IsNullOrEmpty(variable("LOCAL_RANK")) ? rank : Integer(variable, "LOCAL_RANK", 0, int.MaxValue, problems);
        if (problems.Count > 0)
            throw new InvalidOperationException("Training on several processes reads torchrun's environment variables, and " + string.Join("; ", problems) +
                ". Start the processes with torchrun or set MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK for each.");
        return new DistributedEnvironment(address, port, worldSize, rank, localRank);
    }

    private static int Integer(Func<string, string?> variable, string name, int min, int max, List<string> problems)
    {
        string? text = variable(name);
        if (string.IsNullOrEmpty(text))
            problems.Add($"{name} is not set");
        else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            problems.Add($"{name} is '{text}', not a whole number from {min} to {max}");
        else
            return value;
        return min;
    }
}
