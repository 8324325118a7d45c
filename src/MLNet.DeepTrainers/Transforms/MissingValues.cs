namespace MLNet.DeepTrainers.Transforms;

/// <summary>What IndicateMissingValues and ReplaceMissingValues accept: Single or Double values or vectors, whose missing value is NaN.</summary>
internal static class MissingValues
{
    public static PrimitiveDataViewType ItemType(DataViewSchema.Column column, string user)
    {
        var item = column.Type.ItemType()!;
        if (!item.Equals(NumberDataViewType.Single) && !item.Equals(NumberDataViewType.Double))
            throw new ArgumentOutOfRangeException(nameof(column), $"{user}: column '{column.Name}' is {column.Type}; only Single and Double values (NaN) can be missing here. Convert it with Conversion.ConvertType first.");
        return item;
    }
}
