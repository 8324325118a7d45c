namespace MLNet.DeepTrainers.Samples;

/// <summary>Loads the breast-cancer CSV with ML.NET's loader: the 30 measurements as "Features", the diagnosis as a Boolean "Label" (malignant = true).</summary>
public static class Tumor
{
    public static IDataView Load(MLContext ml, string path)
    {
        var raw = ml.Data.LoadFromTextFile(path, [
            new TextLoader.Column("Features", DataKind.Single, 0, 29),
            new TextLoader.Column("Diagnosis", DataKind.String, 30)], separatorChar: ',', hasHeader: true);
        var diagnosis = ml.Transforms.CustomMapping<DiagnosisText, DiagnosisLabel>((text, label) => label.Label = text.Diagnosis switch
        {
            "malignant" => true,
            "benign" => false,
            var other => throw new InvalidDataException($"{path}: the diagnosis '{other}' is neither malignant nor benign."),
        }, contractName: null);
        return ml.Data.Cache(diagnosis.Fit(raw).Transform(raw));
    }

    private sealed class DiagnosisText
    {
        public string Diagnosis = "";
    }

    private sealed class DiagnosisLabel
    {
        public bool Label;
    }
}
