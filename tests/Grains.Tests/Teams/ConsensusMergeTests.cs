using System.Text.Json.Nodes;
using Actors.Teams;

namespace Actors.Grains.Tests.Teams;

public sealed class ConsensusMergeTests
{
    [Fact]
    public void IdenticalAnswersAreUnanimous()
    {
        var (output, method) = ConsensusMerge.Merge([JsonNode.Parse("""{"x":1}""")!, JsonNode.Parse("""{"x":1}""")!]);

        Assert.Equal("unanimous", method);
        Assert.Equal(1, output["x"]!.GetValue<double>());
    }

    [Fact]
    public void AnswersOfOneShapeTakeTheMedianOfNumbersAndTheMajorityOfText()
    {
        var (output, method) = ConsensusMerge.Merge(
        [
            JsonNode.Parse("""{"x":1,"label":"up","list":[10,1]}""")!,
            JsonNode.Parse("""{"x":7,"label":"up","list":[30,2]}""")!,
            JsonNode.Parse("""{"x":3,"label":"down","list":[20,3]}""")!,
        ]);

        Assert.Equal("median", method);
        Assert.Equal(3, output["x"]!.GetValue<double>());
        Assert.Equal("up", output["label"]!.GetValue<string>());
        Assert.Equal(20, output["list"]![0]!.GetValue<double>());
        Assert.Equal(2, output["list"]![1]!.GetValue<double>());
    }

    [Fact]
    public void AnswersOfDifferentShapesAreDecidedByVoteWithTiesToTheFirst()
    {
        var (majority, method) = ConsensusMerge.Merge([JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse("""[1]""")!, JsonNode.Parse("""[1]""")!]);
        var (tie, _) = ConsensusMerge.Merge([JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse("""[1]""")!]);

        Assert.Equal("vote", method);
        Assert.IsType<JsonArray>(majority);
        Assert.IsType<JsonObject>(tie);
    }
}
