namespace MLNet.DeepTrainers.Tests.Saving;

/// <summary>
/// Saving a model with ML.NET and loading it in a new MLContext, and comparing what the loaded model adds
/// with what the model in memory adds. The yardstick is outside the library's own arithmetic: in memory the
/// network runs on TorchSharp, after loading on onnxruntime through ML.NET's OnnxTransformer.
/// </summary>
internal static class SavedModel
{
    /// <summary>Relative tolerance of the predictions (absolute below 1).</summary>
    public const double Tolerance = 1e-5;

    /// <summary>Saves <paramref name="model"/> to a file and loads it with a new MLContext; dispose it (its ONNX sessions hold temporary files).</summary>
    public static TransformerChain<ITransformer> SaveAndLoad(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mldt-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, schema, path);
            var loaded = new MLContext().Model.Load(path, out var loadedSchema);
            Assert.Equal(Describe(schema), Describe(loadedSchema));
            return Assert.IsType<TransformerChain<ITransformer>>(loaded);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Checks two scored data views have the same columns (names, types, hidden or not) and the same annotations on <paramref name="added"/>, but the score kinds.</summary>
    public static void AssertSameColumns(DataViewSchema expected, DataViewSchema actual, params string[] added)
    {
        Assert.Equal(Describe(expected), Describe(actual));
        foreach (string name in added)
        {
            var inMemory = expected[name];
            var saved = actual[name];
            // ML.NET's score-kind annotations have no public transformer that sets them: they do not survive.
            var kept = inMemory.Annotations.Schema.Select(a => a.Name).Where(a => a is not ("ScoreColumnKind" or "ScoreValueKind"));
            Assert.Equal(kept, saved.Annotations.Schema.Select(a => a.Name));
            Assert.Equal(Texts(inMemory.Annotations, "SlotNames"), Texts(saved.Annotations, "SlotNames"));
            Assert.Equal(Texts(inMemory.Annotations, "KeyValues"), Texts(saved.Annotations, "KeyValues"));
        }
    }

    /// <summary>Checks column <paramref name="name"/> holds the same values in both, within <see cref="Tolerance"/> for numbers.</summary>
    public static void AssertSameValues(IDataView expected, IDataView actual, string name)
    {
        switch (expected.Schema[name].Type)
        {
            case NumberDataViewType number when number == NumberDataViewType.Single:
                AssertAll(expected.GetColumn<float>(name), actual.GetColumn<float>(name), (e, a, row) => AssertClose(e, a, $"{name}, row {row}"));
                break;
            case VectorDataViewType { ItemType: NumberDataViewType item } when item == NumberDataViewType.Single:
                AssertAll(expected.GetColumn<float[]>(name), actual.GetColumn<float[]>(name), (e, a, row) =>
                {
                    Assert.Equal(e.Length, a.Length);
                    for (int i = 0; i < e.Length; i++)
                        AssertClose(e[i], a[i], $"{name}[{i}], row {row}");
                });
                break;
            case VectorDataViewType { ItemType: BooleanDataViewType }:
                AssertAll(expected.GetColumn<bool[]>(name), actual.GetColumn<bool[]>(name), (e, a, row) => Assert.True(e.SequenceEqual(a), $"{name}, row {row}: saved [{string.Join(", ", a)}], in memory [{string.Join(", ", e)}]"));
                break;
            case BooleanDataViewType:
                AssertAll(expected.GetColumn<bool>(name), actual.GetColumn<bool>(name), (e, a, row) => Assert.True(e == a, $"{name}, row {row}: saved {a}, in memory {e}"));
                break;
            case KeyDataViewType:
                AssertAll(expected.GetColumn<uint>(name), actual.GetColumn<uint>(name), (e, a, row) => Assert.True(e == a, $"{name}, row {row}: saved {a}, in memory {e}"));
                break;
            default:
                throw new ArgumentException($"no comparison for {expected.Schema[name].Type}");
        }
    }

    public static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: saved {actual:R}, in memory {expected:R}");

    private static void AssertAll<T>(IEnumerable<T> expected, IEnumerable<T> actual, Action<T, T, int> check)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.Equal(e.Count, a.Count);
        Assert.NotEmpty(e);
        for (int i = 0; i < e.Count; i++)
            check(e[i], a[i], i);
    }

    private static string[] Describe(DataViewSchema schema) => schema.Select(c => $"{c.Name}: {c.Type}{(c.IsHidden ? " (hidden)" : "")}").ToArray();

    /// <summary>The annotation <paramref name="kind"/> (slot names, key values of text or numbers) as its type and values, in text.</summary>
    private static string[] Texts(DataViewSchema.Annotations annotations, string kind)
    {
        if (annotations.Schema.GetColumnOrNull(kind) is not { Type: VectorDataViewType vector })
            return [];
        string[] Read<T>()
        {
            var values = default(VBuffer<T>);
            annotations.GetValue(kind, ref values);
            return values.DenseValues().Select(v => $"{vector.ItemType}: {v}").ToArray();
        }
        return vector.ItemType.RawType switch
        {
            var t when t == typeof(ReadOnlyMemory<char>) => Read<ReadOnlyMemory<char>>(),
            var t when t == typeof(uint) => Read<uint>(),
            var t when t == typeof(float) => Read<float>(),
            var t => throw new ArgumentException($"no comparison for {kind} of {t}"),
        };
    }
}
