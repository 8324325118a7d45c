using MLNet.DeepTrainers.Distributed;

namespace MLNet.DeepTrainers.Tests.Distributed;

public sealed class DistributedEnvironmentTests
{
    [Fact]
    public void TorchrunsVariablesAreRead()
    {
        var variables = new Dictionary<string, string> { ["MASTER_ADDR"] = "node0", ["MASTER_PORT"] = "29500", ["WORLD_SIZE"] = "4", ["RANK"] = "3", ["LOCAL_RANK"] = "1" };

        var environment = DistributedEnvironment.Read(variables.GetValueOrDefault);

        Assert.Equal(new DistributedEnvironment("node0", 29500, 4, 3, 1), environment);
    }

    [Fact]
    public void TheLocalRankIsTheRankWhenUnset()
    {
        var variables = new Dictionary<string, string> { ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = "29500", ["WORLD_SIZE"] = "2", ["RANK"] = "1" };

        Assert.Equal(1, DistributedEnvironment.Read(variables.GetValueOrDefault).LocalRank);
    }

    [Fact]
    public void EveryMissingOrInvalidVariableIsNamed()
    {
        var variables = new Dictionary<string, string> { ["MASTER_PORT"] = "70000", ["WORLD_SIZE"] = "2", ["RANK"] = "2" };

        var error = Assert.Throws<InvalidOperationException>(() => DistributedEnvironment.Read(variables.GetValueOrDefault));

        Assert.Contains("MASTER_ADDR is not set", error.Message);
        Assert.Contains("MASTER_PORT is '70000', not a whole number from 1 to 65535", error.Message);
        Assert.Contains("RANK is '2', not a whole number from 0 to 1", error.Message);
        Assert.DoesNotContain("WORLD_SIZE", error.Message.Split(". Start")[0]);
    }
}
