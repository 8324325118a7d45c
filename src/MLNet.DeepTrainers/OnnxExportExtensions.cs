using Google.Protobuf;
using MLNet.DeepTrainers.Onnx;

namespace MLNet.DeepTrainers;

/// <summary>ML.NET's ONNX export (<c>ml.Model.ConvertToOnnx</c>), written with Google.Protobuf.</summary>
public static class OnnxExportExtensions
{
    /// <summary>
    /// Writes <paramref name="transform"/> as an ONNX model to <paramref name="stream"/>. Its inputs are
    /// <paramref name="inputData"/>'s columns (shape [N, width], named as the columns); its outputs every
    /// column of the pipeline's output, named "&lt;column&gt;.output" as ML.NET names them. A stage that
    /// cannot be exported is a <see cref="NotSupportedException"/> naming it, thrown before anything is written.
    /// </summary>
    public static void ConvertToOnnx(this ModelOperationsCatalog catalog, ITransformer transform, IDataView inputData, Stream stream) =>
        ConvertToOnnx(catalog, transform, inputData, stream, []);

    /// <summary>As <see cref="ConvertToOnnx(ModelOperationsCatalog, ITransformer, IDataView, Stream)"/>, keeping only <paramref name="outputColumns"/> as graph outputs.</summary>
    public static void ConvertToOnnx(this ModelOperationsCatalog catalog, ITransformer transform, IDataView inputData, Stream stream, params string[] outputColumns)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(inputData);
        ArgumentNullException.ThrowIfNull(stream);
        var model = OnnxExport.Convert(transform, inputData.Schema, outputColumns);
        // Serialised whole before the stream sees a byte, so a failure writes nothing.
        stream.Write(model.ToByteArray());
    }
}
