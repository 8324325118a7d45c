namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>The one check of what the text transforms read: a text, or a vector of texts.</summary>
internal static class TextColumns
{
    /// <summary>The input column, or an error naming the transform, the column and what it needs.</summary>
    public static DataViewSchema.Column Input(DataViewSchema schema, string name, string transform)
    {
        var column = schema.GetColumnOrNull(name) ?? throw schema.MissingColumn(name, transform);
        if (column.Type is TextDataViewType || column.Type is VectorDataViewType { ItemType: TextDataViewType })
            return column;
        throw new ArgumentOutOfRangeException(nameof(schema), $"{transform}: column '{name}' is {column.Type}; it needs text or a vector of text (convert other types with ConvertType, or read the column as text).");
    }
}
