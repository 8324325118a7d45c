using MLNet.DeepTrainers;
using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>ML.NET's CustomMapping samples (docs/samples/.../Dynamic/Transforms/CustomMapping*.cs).</summary>
public class CustomMappingSamples
{
    public class InputData
    {
        public float Age { get; set; }
    }

    public class CustomMappingOutput
    {
        public bool IsUnderThirty { get; set; }
    }

    public class TransformedData : InputData
    {
        public bool IsUnderThirty { get; set; }
    }

    [CustomMappingFactoryAttribute("IsUnderThirty")]
    public class IsUnderThirtyCustomAction : CustomMappingFactory<InputData, CustomMappingOutput>
    {
        public static void CustomAction(InputData input, CustomMappingOutput output) => output.IsUnderThirty = input.Age < 30;

        public override Action<InputData, CustomMappingOutput> GetMapping() => CustomAction;
    }

    private static IDataView Ages(MLContext ml) =>
        ml.Data.LoadFromEnumerable(new List<InputData> { new() { Age = 26 }, new() { Age = 35 }, new() { Age = 34 }, new() { Age = 28 } });

    private static IEnumerable<string> Rows(MLContext ml, IDataView data) =>
        ml.Data.CreateEnumerable<TransformedData>(data, reuseRowObject: true).Select(r => $"{r.Age} {r.IsUnderThirty}");

    [Fact]
    public void CustomMapping()
    {
        var ml = new MLContext();
        var data = Ages(ml);
        Action<InputData, CustomMappingOutput> mapping = (input, output) => output.IsUnderThirty = input.Age < 30;
        var transformer = ml.Transforms.CustomMapping(mapping, contractName: null).Fit(data);
        Assert.Equal(["26 True", "35 False", "34 False", "28 True"], Rows(ml, transformer.Transform(data)));
    }

    [Fact]
    public void CustomMappingSaveAndLoad()
    {
        var ml = new MLContext();
        var data = Ages(ml);
        var transformer = ml.Transforms.CustomMapping(new IsUnderThirtyCustomAction().GetMapping(), contractName: "IsUnderThirty").Fit(data);
        ml.ComponentCatalog.RegisterAssembly(typeof(IsUnderThirtyCustomAction).Assembly);
        var stream = new MemoryStream();
        ml.Model.Save(transformer, data.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        Assert.Equal(["26 True", "35 False", "34 False", "28 True"], Rows(ml, loaded.Transform(data)));

        // Another context that did not register the assembly cannot run the file's code.
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => new MLContext().Model.Load(stream, out _));
        Assert.Contains("'IsUnderThirty'", error.Message);
        Assert.Contains("RegisterAssembly", error.Message);
    }

    [Fact]
    public void A_mapping_without_a_contract_cannot_be_saved_and_the_old_file_stays()
    {
        var ml = new MLContext();
        var data = Ages(ml);
        var path = Path.Combine(Path.GetTempPath(), $"custom-{Guid.NewGuid():N}.zip");
        try
        {
            File.WriteAllText(path, "the user's earlier model");
            var transformer = ml.Transforms.CustomMapping<InputData, CustomMappingOutput>((i, o) => o.IsUnderThirty = i.Age < 30, contractName: null).Fit(data);
            var error = Assert.Throws<InvalidOperationException>(() => ml.Model.Save(transformer, data.Schema, path));
            Assert.Contains("contractName", error.Message);
            Assert.Equal("the user's earlier model", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private class NeedsHeight
    {
        public float Height { get; set; }
    }

    [Fact]
    public void A_mapping_whose_input_class_wants_a_missing_column_fails_at_fit()
    {
        var ml = new MLContext();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ml.Transforms.CustomMapping<NeedsHeight, CustomMappingOutput>((i, o) => o.IsUnderThirty = i.Height < 2, null).Fit(Ages(ml)));
        Assert.Contains("'Height'", error.Message);
    }

    [Fact]
    public void Each_row_is_mapped_once_for_all_output_columns()
    {
        var ml = new MLContext();
        int calls = 0;
        var output = ml.Transforms.CustomMapping<InputData, TransformedData>((i, o) => { calls++; o.Age = i.Age * 2; o.IsUnderThirty = i.Age < 30; }, null)
            .Fit(Ages(ml)).Transform(Ages(ml));
        Assert.Equal(["52 True", "70 False", "68 False", "56 True"], Rows(ml, output));
        Assert.Equal(4, calls);
    }
}
