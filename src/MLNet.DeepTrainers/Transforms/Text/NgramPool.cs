namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// The n-grams a bag counts, learned from the training rows as ML.NET learns them: words are numbered
/// in order of first occurrence (ML.NET's term dictionary, at most the first n-gram limit of them; any
/// other word is number 0, printed "*") or, for ProduceNgrams, are the input's keys; n-grams enter
/// the pool in the order the rows meet them, while their length has room. Each slot of a bag is one
/// n-gram, named by its words joined with "|".
/// </summary>
internal sealed class NgramPool
{
    // Word to number, for a vocabulary of text (a bag of words); null for a pool over keys.
    private readonly Dictionary<string, int>? _wordNumbers;
    private readonly Dictionary<NgramKey, int> _slots;
    private string[]? _slotNames;

    private NgramPool(NgramSettings settings, int vocabularySize, string[]? words, int[][] ngrams, double[]? inverseDocumentFrequencies, string[]? slotNames)
    {
        Settings = settings;
        VocabularySize = vocabularySize;
        Words = words;
        Ngrams = ngrams;
        InverseDocumentFrequencies = inverseDocumentFrequencies;
        _slotNames = slotNames;
        if (vocabularySize < 0)
            throw new InvalidDataException($"the vocabulary size {vocabularySize} is negative");
        if (words is not null)
        {
            _wordNumbers = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i] is null || !_wordNumbers.TryAdd(words[i], i + 1))
                    throw new InvalidDataException($"vocabulary word {i} ('{words[i]}') is missing or in the vocabulary twice");
            }
        }
        _slots = new Dictionary<NgramKey, int>(ngrams.Length);
        for (int slot = 0; slot < ngrams.Length; slot++)
        {
            var ngram = ngrams[slot];
            if (ngram is null || ngram.Length < 1 || ngram.Length > settings.NgramLength || ngram.Any(n => n < 0 || n > vocabularySize))
                throw new InvalidDataException($"n-gram {slot} is missing, empty, longer than {settings.NgramLength} words or has words numbered outside 0..{vocabularySize}");
            if (!_slots.TryAdd(new NgramKey(ngram), slot))
                throw new InvalidDataException($"n-gram {slot} is in the pool twice");
        }
        if (inverseDocumentFrequencies is not null && (inverseDocumentFrequencies.Length != ngrams.Length || inverseDocumentFrequencies.Any(v => !double.IsFinite(v) || v < 0)))
            throw new InvalidDataException($"the inverse document frequencies are not {ngrams.Length} finite values of at least 0");
        if (slotNames is not null && (slotNames.Length != ngrams.Length || slotNames.Any(n => n is null)))
            throw new InvalidDataException($"the slot names are not {ngrams.Length} names");
    }

    public NgramSettings Settings { get; }

    /// <summary>How many words are numbered: 1 to VocabularySize (0 is any other word).</summary>
    public int VocabularySize { get; }

    /// <summary>A text vocabulary: word number i + 1 is Words[i]; null for a pool over keys (whose key k is number k).</summary>
    public string[]? Words { get; }

    /// <summary>Each slot's n-gram, as word numbers.</summary>
    public int[][] Ngrams { get; }

    /// <summary>Per slot, ln(training rows / rows with the n-gram); null for term frequencies.</summary>
    public double[]? InverseDocumentFrequencies { get; }

    public int Count => Ngrams.Length;

    /// <summary>A bag of words' pool from saved parts; any inconsistency is an <see cref="InvalidDataException"/> saying what.</summary>
    public static NgramPool FromSavedWords(NgramSettings settings, string[] words, int[][] ngrams, double[]? inverseDocumentFrequencies) =>
        new(settings, words.Length, words, ngrams, inverseDocumentFrequencies, null);

    /// <summary>A pool over keys from saved parts: the key count and the slot names stand for the keys' values.</summary>
    public static NgramPool FromSavedKeys(NgramSettings settings, int keyCount, int[][] ngrams, double[]? inverseDocumentFrequencies, string[] slotNames) =>
        new(settings, keyCount, null, ngrams, inverseDocumentFrequencies, slotNames);

    /// <summary>Learns the vocabulary, the pool and (for Idf and TfIdf) the document frequencies from the rows' words.</summary>
    public static NgramPool Learn(NgramSettings settings, IEnumerable<string[]> rows)
    {
        var wordNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<string>();
        IEnumerable<int[]> Numbered()
        {
            foreach (var row in rows)
            {
                var numbers = new int[row.Length];
                for (int i = 0; i < row.Length; i++)
                {
                    if (!wordNumbers.TryGetValue(row[i], out numbers[i]) && words.Count < settings.VocabularyLimit)
                    {
                        words.Add(row[i]);
                        wordNumbers[row[i]] = numbers[i] = words.Count;
                    }
                }
                yield return numbers;
            }
        }
        var (ngrams, idf) = LearnNgrams(settings, Numbered());
        return new NgramPool(settings, words.Count, [.. words], ngrams, idf, null);
    }

    /// <summary>
    /// Learns the pool and document frequencies from rows of keys (ProduceNgrams), whose key k
    /// is the word <paramref name="keyNames"/>[k - 1]; a key beyond them counts as key 0. Only the
    /// slots' names are kept of the key names (a vector of character keys has 65,535).
    /// </summary>
    public static NgramPool LearnFromKeys(NgramSettings settings, IEnumerable<uint[]> rows, string[] keyNames)
    {
        var (ngrams, idf) = LearnNgrams(settings, rows.Select(keys => Numbers(keys, keyNames.Length)));
        return new NgramPool(settings, keyNames.Length, null, ngrams, idf, NamesOf(ngrams, keyNames));
    }

    // The n-grams in the order the rows meet them, while their length has room, and each one's
    // ln(rows / rows with it) when the weighting needs it.
    private static (int[][] Ngrams, double[]? InverseDocumentFrequencies) LearnNgrams(NgramSettings settings, IEnumerable<int[]> rows)
    {
        var slots = new Dictionary<NgramKey, int>();
        var ngrams = new List<int[]>();
        var lengthCounts = new int[settings.NgramLength];
        var documentFrequencies = new List<int>();
        var seenInRow = new HashSet<int>();
        long documents = 0;
        foreach (var numbers in rows)
        {
            documents++;
            seenInRow.Clear();
            ForEachNgram(settings, numbers, ngram =>
            {
                var key = new NgramKey(ngram);
                if (!slots.TryGetValue(key, out int slot))
                {
                    int length = ngram.Length;
                    if (lengthCounts[length - 1] >= settings.Limit(length))
                        return;
                    lengthCounts[length - 1]++;
                    slot = ngrams.Count;
                    slots.Add(new NgramKey(ngram.ToArray()), slot);
                    ngrams.Add(ngram.ToArray());
                    documentFrequencies.Add(0);
                }
                if (seenInRow.Add(slot))
                    documentFrequencies[slot]++;
            });
        }
        var idf = settings.NeedsIdf ? documentFrequencies.Select(d => Math.Log((double)documents / d)).ToArray() : null;
        return ([.. ngrams], idf);
    }

    /// <summary>The bag of one row's words: a count (or weight) per slot, sparse.</summary>
    public VBuffer<float> Bag(string[] row)
    {
        var numbers = new int[row.Length];
        for (int i = 0; i < row.Length; i++)
            numbers[i] = _wordNumbers!.TryGetValue(row[i], out int n) ? n : 0;
        return Bag(numbers);
    }

    /// <summary>The bag of one row's keys (ProduceNgrams): a count (or weight) per slot, sparse.</summary>
    public VBuffer<float> Bag(uint[] keys) => Bag(Numbers(keys, VocabularySize));

    private static int[] Numbers(uint[] keys, int keyCount)
    {
        var numbers = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++)
            numbers[i] = keys[i] <= keyCount ? (int)keys[i] : 0;
        return numbers;
    }

    private VBuffer<float> Bag(int[] numbers)
    {
        var counts = new Dictionary<int, float>();
        ForEachNgram(Settings, numbers, ngram =>
        {
            if (_slots.TryGetValue(new NgramKey(ngram), out int slot))
                counts[slot] = counts.GetValueOrDefault(slot) + 1;
        });
        if (InverseDocumentFrequencies is not double[] idf)
            return SparseVectors.FromCounts(Count, counts);
        bool timesCount = Settings.Weighting == NgramExtractingEstimator.WeightingCriteria.TfIdf;
        return SparseVectors.FromCounts(Count, counts, (slot, count) => (float)(timesCount ? count * idf[slot] : idf[slot]));
    }

    /// <summary>
    /// The ONNX form of a bag: <paramref name="numbers"/> ([rows, items] int64 word numbers, 0 for
    /// "*", negative for padding that matches nothing) counted by ONNX's TfIdfVectorizer, whose pool
    /// lists the n-grams shortest first and maps each to its slot.
    /// </summary>
    public string ExportOnnx(OnnxGraph graph, string numbers, string user)
    {
        // TfIdfVectorizer skips the same number of items between every two items of an n-gram; ML.NET's
        // skip-grams of three or more words may skip any mix, so only pairs agree.
        if (Settings.SkipLength > 0 && Settings.NgramLength > 2)
            throw new NotSupportedException($"{user}: ONNX's TfIdfVectorizer skips as many words between each two words of an n-gram, where ML.NET's skip-grams of 3 or more words mix skips; to export, use skipLength 0 or an ngramLength of at most 2.");
        if (Count == 0)
            throw new NotSupportedException($"{user}: the bag learned no n-grams, and ONNX's TfIdfVectorizer needs at least one.");
        var pool = Enumerable.Range(0, Count).OrderBy(slot => Ngrams[slot].Length).ToArray();
        // Per length from 1: the position in the flat pool where that length's n-grams start.
        var starts = Enumerable.Range(1, Settings.NgramLength)
            .Select(length => (long)pool.Where(slot => Ngrams[slot].Length < length).Sum(slot => Ngrams[slot].Length)).ToArray();
        var attributes = new List<global::Onnx.AttributeProto>
        {
            OnnxAttribute.Text("mode", Settings.Weighting switch
            {
                NgramExtractingEstimator.WeightingCriteria.Idf => "IDF",
                NgramExtractingEstimator.WeightingCriteria.TfIdf => "TFIDF",
                _ => "TF",
            }),
            OnnxAttribute.Int("min_gram_length", Settings.UseAllLengths ? 1 : Settings.NgramLength),
            OnnxAttribute.Int("max_gram_length", Settings.NgramLength),
            OnnxAttribute.Int("max_skip_count", Settings.SkipLength),
            OnnxAttribute.Ints("ngram_counts", starts),
            OnnxAttribute.Ints("ngram_indexes", pool.Select(slot => (long)slot)),
            OnnxAttribute.Ints("pool_int64s", pool.SelectMany(slot => Ngrams[slot]).Select(n => (long)n)),
        };
        if (InverseDocumentFrequencies is double[] idf)
            attributes.Add(OnnxAttribute.Floats("weights", pool.Select(slot => (float)idf[slot])));
        return graph.Node("TfIdfVectorizer", [numbers], [.. attributes]);
    }

    /// <summary>Each slot's name: its words joined with "|", "*" for a word outside the vocabulary (a bag of words' built on first use).</summary>
    public string[] SlotNames => _slotNames ??= NamesOf(Ngrams, Words!);

    private static string[] NamesOf(int[][] ngrams, string[] words) =>
        ngrams.Select(ngram => string.Join("|", ngram.Select(n => n == 0 ? "*" : words[n - 1]))).ToArray();

    // Every n-gram of a row in ML.NET's order: from each word in turn, the n-grams starting there
    // from the shortest up; with skips, depth first over how many words each next one skips (the
    // skips adding up to at most SkipLength).
    internal static void ForEachNgram(NgramSettings settings, int[] numbers, Action<ReadOnlyMemory<int>> visit)
    {
        var ngram = new int[settings.NgramLength];
        for (int start = 0; start < numbers.Length; start++)
        {
            ngram[0] = numbers[start];
            visit(ngram.AsMemory(0, 1));
            if (settings.SkipLength == 0)
            {
                for (int i = 1; i < settings.NgramLength && start + i < numbers.Length; i++)
                {
                    ngram[i] = numbers[start + i];
                    visit(ngram.AsMemory(0, i + 1));
                }
            }
            else
            {
                WithSkips(settings, numbers, ngram, start, 1, 0, visit);
            }
        }
    }

    private static void WithSkips(NgramSettings settings, int[] numbers, int[] ngram, int start, int i, int skipped, Action<ReadOnlyMemory<int>> visit)
    {
        for (int skip = skipped; skip <= settings.SkipLength && start + skip + i < numbers.Length; skip++)
        {
            ngram[i] = numbers[start + skip + i];
            visit(ngram.AsMemory(0, i + 1));
            if (i + 1 < settings.NgramLength)
                WithSkips(settings, numbers, ngram, start, i + 1, skip, visit);
        }
    }

    // An n-gram as a dictionary key: its word numbers, compared item by item.
    private readonly struct NgramKey(ReadOnlyMemory<int> numbers) : IEquatable<NgramKey>
    {
        private readonly ReadOnlyMemory<int> _numbers = numbers;

        public bool Equals(NgramKey other) => _numbers.Span.SequenceEqual(other._numbers.Span);

        public override bool Equals(object? obj) => obj is NgramKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (int n in _numbers.Span)
                hash.Add(n);
            return hash.ToHashCode();
        }
    }
}
