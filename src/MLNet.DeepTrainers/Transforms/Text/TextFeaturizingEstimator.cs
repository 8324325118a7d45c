using LpNorm = MLNet.DeepTrainers.Transforms.LpNormNormalizingEstimatorBase.NormFunction;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's FeaturizeText: text to one vector of n-gram counts, built from the library's own text
/// transforms in ML.NET's order. Several input columns are concatenated; the text is normalized
/// (lower case, diacritics removed), split into words (stop words removed if asked), the words'
/// n-grams counted (words alone without options; 1- and 2-grams with a new Options()), the characters' 3-grams counted (of the normalized text, or of
/// the kept words when stop words are removed), each bag scaled to unit L2 norm, and the two joined,
/// character n-grams first, slots named "Char.…" and "Word.…". Fitting gives the chain of those
/// transforms, which saves and loads as any pipeline does.
/// </summary>
public sealed class TextFeaturizingEstimator : IEstimator<ITransformer>
{
    /// <summary>The languages of ML.NET's FeaturizeText stop-word option (its numbering).</summary>
    public enum Language
    {
#pragma warning disable CS1591 // the names say it
        English = 1,
        French = 2,
        German = 3,
        Dutch = 4,
        Italian = 5,
        Spanish = 6,
        Japanese = 7,
#pragma warning restore CS1591
    }

    /// <summary>How each bag is scaled, row by row (ML.NET's numbering).</summary>
    public enum NormFunction
    {
        /// <summary>Not scaled.</summary>
        None = 0,
        /// <summary>To a sum of absolute values of 1.</summary>
        L1 = 1,
        /// <summary>To a Euclidean length of 1.</summary>
        L2 = 2,
        /// <summary>To a largest absolute value of 1.</summary>
        Infinity = 3,
    }

    /// <summary>FeaturizeText's options, with ML.NET's names and defaults.</summary>
    public sealed class Options
    {
        /// <summary>Stop words to remove from the words (none by default).</summary>
        public IStopWordsRemoverOptions? StopWordsRemoverOptions;

        /// <summary>The case the text is changed to (lower by default).</summary>
        public TextNormalizingEstimator.CaseMode CaseMode = TextNormalizingEstimator.Defaults.Case;

        /// <summary>Whether diacritics stay (removed by default).</summary>
        public bool KeepDiacritics = TextNormalizingEstimator.Defaults.KeepDiacritics;

        /// <summary>Whether punctuation stays (kept by default).</summary>
        public bool KeepPunctuations = TextNormalizingEstimator.Defaults.KeepPunctuations;

        /// <summary>Whether digits stay (kept by default).</summary>
        public bool KeepNumbers = TextNormalizingEstimator.Defaults.KeepNumbers;

        /// <summary>A column to also output the words in (after stop-word removal); none by default.</summary>
        public string? OutputTokensColumnName;

        /// <summary>The word n-grams to count (1- and 2-grams by default); null counts none.</summary>
        public WordBagEstimator.Options? WordFeatureExtractor = new();

        /// <summary>The character n-grams to count (3-grams only by default); null counts none.</summary>
        public WordBagEstimator.Options? CharFeatureExtractor = new() { NgramLength = 3, UseAllLengths = false };

        /// <summary>How each bag is scaled (L2 by default).</summary>
        public NormFunction Norm = NormFunction.L2;
    }

    private readonly string _output;
    private readonly string[] _inputs;
    private readonly Options _options;
    private readonly NgramSettings? _words;
    private readonly NgramSettings? _characters;

    internal TextFeaturizingEstimator(string outputColumnName, string[] inputColumnNames, Options? options)
    {
        _output = outputColumnName;
        _inputs = inputColumnNames.Length == 0 ? [outputColumnName] : inputColumnNames;
        // ML.NET's quirk, kept: without options the words count as 1-grams; a new Options() says 1- and 2-grams.
        _options = options ?? new Options { WordFeatureExtractor = new() { NgramLength = 1 } };
        _words = _options.WordFeatureExtractor?.Settings(User);
        _characters = _options.CharFeatureExtractor?.Settings(User);
        if (_words is null && _characters is null)
            throw new ArgumentException($"{User}: both WordFeatureExtractor and CharFeatureExtractor are null, so there is nothing to count; keep at least one.", nameof(options));
        if (!Enum.IsDefined(_options.Norm))
            throw new ArgumentOutOfRangeException(nameof(options), _options.Norm, $"{User}: Norm must be None, L1, L2 or Infinity.");
        if (_options.StopWordsRemoverOptions is StopWordsRemovingEstimator.Options { Language: var language } && !Enum.IsDefined(language))
            throw new ArgumentOutOfRangeException(nameof(options), language, $"{User}: {language} is not one of TextFeaturizingEstimator.Language's languages.");
    }

    private string User => $"FeaturizeText('{_output}')";

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var input in _inputs)
            inputSchema.Require(input, User, c => c.ItemType is TextDataViewType, "text or a vector of text");
        var shape = inputSchema.With(new SchemaShape.Column(_output, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false));
        return _options.OutputTokensColumnName is string tokens
            ? shape.With(new SchemaShape.Column(tokens, SchemaShape.Column.VectorKind.VariableVector, TextDataViewType.Instance, false))
            : shape;
    }

    /// <inheritdoc />
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var steps = new Steps(input, _output);
        string text = _inputs.Length == 1 ? _inputs[0] : steps.Add("InitialConcat", name => new ColumnConcatenatingEstimator(name, _inputs));
        if (_options.CaseMode != TextNormalizingEstimator.CaseMode.None || !_options.KeepDiacritics || !_options.KeepPunctuations || !_options.KeepNumbers)
            text = steps.Add("TextNormalizer", name => new TextNormalizingEstimator(name, text, _options.CaseMode, _options.KeepDiacritics, _options.KeepPunctuations, _options.KeepNumbers));
        string? words = null;
        if (_words is not null || _options.StopWordsRemoverOptions is not null || _options.OutputTokensColumnName is not null)
            words = steps.Add("WordTokenizer", name => new WordTokenizingEstimator(name, text, WordTokenizingEstimator.DefaultSeparators));
        if (_options.StopWordsRemoverOptions is { } stopWords)
            words = steps.Add("StopWordsRemover", name => StopWordsRemover(name, words!, stopWords));
        string? wordBag = _words is null ? null : steps.Add("WordExtractor", name => new WordBagEstimator(name, words!, _words));
        if (_options.OutputTokensColumnName is string tokens)
            steps.Add(new ColumnCopyingEstimator(tokens, words!));
        string? charBag = null;
        if (_characters is not null)
        {
            // Without stop-word removal the characters are the normalized text's; with it, the kept words' (one stream joined by 0x1F), as ML.NET's.
            string source = _options.StopWordsRemoverOptions is null ? text : words!;
            string characters = steps.Add("CharTokenizer", name => new TokenizingByCharactersEstimator(name, source, TokenizingByCharactersEstimator.DefaultUseMarkerCharacters));
            charBag = steps.Add("CharExtractor", name => new NgramExtractingEstimator(name, characters, _characters));
        }
        if (_options.Norm != NormFunction.None)
        {
            var norm = _options.Norm switch { NormFunction.L1 => LpNorm.L1, NormFunction.Infinity => LpNorm.Infinity, _ => LpNorm.L2 };
            if (charBag is not null)
                charBag = steps.Add("LpCharNorm", name => new LpNormNormalizingEstimator([(name, charBag)], norm, ensureZeroMean: false));
            if (wordBag is not null)
                wordBag = steps.Add("LpWordNorm", name => new LpNormNormalizingEstimator([(name, wordBag!)], norm, ensureZeroMean: false));
        }
        // Both bags: slots tagged "Char." and "Word." (the word "a" and the character "a" differ); one bag: its slot names alone.
        var bags = new[] { (charBag, "Char"), (wordBag, "Word") }.Where(b => b.Item1 is not null).ToArray();
        steps.Add(new ColumnConcatenatingEstimator(_output, [.. bags.Select(b => b.Item1!)], [.. bags.Select(b => bags.Length == 2 ? b.Item2 : "")]));
        return steps.Finish();
    }

    private static IEstimator<ITransformer> StopWordsRemover(string output, string words, IStopWordsRemoverOptions options) => options switch
    {
        StopWordsRemovingEstimator.Options language => new StopWordsRemovingEstimator(output, words, Enum.Parse<StopWordsRemovingEstimator.Language>(language.Language.ToString())),
        CustomStopWordsRemovingEstimator.Options custom => new CustomStopWordsRemovingEstimator(output, words, custom.StopWords ?? []),
        _ => throw new ArgumentException($"FeaturizeText: {options.GetType().Name} is not a stop-word option; use StopWordsRemovingEstimator.Options or CustomStopWordsRemovingEstimator.Options.", nameof(options)),
    };

    /// <summary>The transforms fitted so far, each on the output of the one before, and the temporary columns they made.</summary>
    private sealed class Steps(IDataView input, string output)
    {
        private readonly List<ITransformer> _fitted = [];
        private readonly List<string> _temporary = [];
        private IDataView _view = input;

        /// <summary>Fits a transform into a new temporary column named after <paramref name="purpose"/>; returns that name.</summary>
        public string Add(string purpose, Func<string, IEstimator<ITransformer>> make)
        {
            string name = $"{output}_{purpose}";
            for (int i = 1; _view.Schema.GetColumnOrNull(name) is not null; i++)
                name = $"{output}_{purpose}_{i}";
            _temporary.Add(name);
            Add(make(name));
            return name;
        }

        public void Add(IEstimator<ITransformer> estimator)
        {
            var transformer = estimator.Fit(_view);
            _fitted.Add(transformer);
            _view = transformer.Transform(_view);
        }

        public TransformerChain<ITransformer> Finish()
        {
            Add(new ColumnSelectingEstimator([.. _temporary], keep: false));
            return new TransformerChain<ITransformer>(_fitted);
        }
    }
}
