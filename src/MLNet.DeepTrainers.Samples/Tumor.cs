using MLNet.DeepTrainers.Data;

namespace MLNet.DeepTrainers.Samples;

/// <summary>One row of breast_cancer.csv: 30 measurements of a cell nucleus image and the diagnosis text.</summary>
public sealed class TumorRecord
{
    [LoadColumn(0, 29)] public float[] Features { get; set; } = [];
    [LoadColumn(30)] public string Diagnosis { get; set; } = "";
}

/// <summary>The same tumour with a Boolean label, as binary classifiers take it: true means malignant.</summary>
public sealed class Tumor
{
    [VectorType(30)] public float[] Features { get; set; } = [];
    public bool Label { get; set; }

    /// <summary>Reads the file and maps the diagnosis text to the label; any other text is an error naming the line.</summary>
    public static List<Tumor> Load(MLContext ml, string path) => ml.Data.CreateEnumerable<TumorRecord>(ml.Data.LoadFromTextFile<TumorRecord>(path, ',', hasHeader: true), reuseRowObject: false)
        .Select((r, i) => new Tumor
        {
            Features = r.Features,
            Label = r.Diagnosis switch
            {
                "malignant" => true,
                "benign" => false,
                _ => throw new FormatException($"{path}, data row {i + 1}: the diagnosis '{r.Diagnosis}' is neither 'malignant' nor 'benign'."),
            },
        }).ToList();
}
