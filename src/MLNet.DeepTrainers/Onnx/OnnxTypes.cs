using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace MLNet.DeepTrainers.Onnx;

/// <summary>How columns' types become ONNX tensor types: the item type, and [rows, width] shapes.</summary>
internal static class OnnxTypes
{
    /// <summary>The ONNX element type of a column, or null when ONNX has no tensor for it (dates, variable-size vectors).</summary>
    public static DataType? ElementType(DataViewType type)
    {
        if (type is VectorDataViewType { Size: 0 })
            return null;
        return type.ItemType() switch
        {
            null => null,
            KeyDataViewType => DataType.Uint32,
            TextDataViewType => DataType.String,
            BooleanDataViewType => DataType.Bool,
            { } item when item.RawType == typeof(float) => DataType.Float,
            { } item when item.RawType == typeof(double) => DataType.Double,
            { } item when item.RawType == typeof(sbyte) => DataType.Int8,
            { } item when item.RawType == typeof(byte) => DataType.Uint8,
            { } item when item.RawType == typeof(short) => DataType.Int16,
            { } item when item.RawType == typeof(ushort) => DataType.Uint16,
            { } item when item.RawType == typeof(int) => DataType.Int32,
            { } item when item.RawType == typeof(uint) => DataType.Uint32,
            { } item when item.RawType == typeof(long) => DataType.Int64,
            { } item when item.RawType == typeof(ulong) => DataType.Uint64,
            _ => null,
        };
    }

    /// <summary>The number of values per row: a vector's size, 1 for a scalar.</summary>
    public static int Width(DataViewType type) => type is VectorDataViewType vector ? vector.Size : 1;

    /// <summary>A graph input or output: its element type and the shape [N, width], N the rows of a batch.</summary>
    public static ValueInfoProto ValueInfo(string name, DataViewType type)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = Width(type) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)(ElementType(type) ?? throw new NotSupportedException($"The column '{name}' of type {type} has no ONNX tensor type.")), Shape = shape } },
        };
    }
}
