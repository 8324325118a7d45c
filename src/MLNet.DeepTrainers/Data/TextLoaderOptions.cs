namespace MLNet.DeepTrainers.Data;

/// <summary>How a delimited text file is read.</summary>
internal sealed record TextLoaderOptions(char Separator, bool HasHeader, bool AllowQuoting, bool TrimWhitespace);
