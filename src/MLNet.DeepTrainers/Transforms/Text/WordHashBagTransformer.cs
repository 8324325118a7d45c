using System.Numerics;

namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>
/// ML.NET's ProduceHashedWordBags: the text split into words at spaces, each word hashed to a 30-bit
/// key (MurmurHash3 of its UTF-8 bytes with the seed, as Conversion.Hash), and each n-gram of keys
/// counted in slot hash &amp; (2^bits - 1) of a vector of 2^bits counts. An n-gram of several keys hashes
/// as ML.NET's: MurmurHash3 rounds over the keys, a round of their count, the final mix; a single word
/// is its key; with ordered hashing, that is mixed once more. Nothing is learned, so a word never seen
/// still counts, and collisions share a slot. With <c>maximumNumberOfInverts</c>, fitting names the
/// slots after the n-grams met in them, as ML.NET does: words joined by "|", several n-grams of a slot
/// as "{first,second}" in the order they were met.
/// </summary>
public sealed class WordHashBagTransformer : RowToRowTransformerBase
{
    internal const string Kind = "ProduceHashedWordBags";
    private const int WordBits = 30;
    // ML.NET allows 30 bits. The bag is sparse here too, but whoever reads it as an array gets it
    // dense, and 2^30 slots would be 4 GiB a row.
    private static readonly int MaximumBits = BitOperations.Log2(VectorDataViewType.MaximumTransformSize);
    private readonly string _output;
    private readonly string _input;
    private readonly int _bits;
    private readonly NgramSettings _settings;
    private readonly uint _seed;
    private readonly bool _ordered;
    // The named slots (increasing) and their names; null without maximumNumberOfInverts.
    private readonly int[]? _namedSlots;
    private readonly string[]? _slotNames;
    // The names of every slot (2^bits of them), spelled out once on first use rather than per schema.
    private readonly Lazy<DataViewSchema.Annotations?> _slotNameAnnotations;

    internal WordHashBagTransformer(string output, string input, int bits, NgramSettings settings, uint seed, bool ordered, int[]? namedSlots = null, string[]? slotNames = null)
    {
        string user = $"ProduceHashedWordBags('{output}')";
        if (bits < 1 || bits > MaximumBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"{user}: numberOfBits must be from 1 to {MaximumBits} (the bag has 2^bits slots, and a reader of it as an array gets them all).");
        _output = output;
        _input = input;
        _bits = bits;
        _settings = settings.Checked(user);
        _seed = seed;
        _ordered = ordered;
        if (namedSlots is null != slotNames is null || namedSlots?.Length != slotNames?.Length)
            throw new InvalidDataException($"{user}: its named slots and slot names differ in number");
        for (int i = 0; i < (namedSlots?.Length ?? 0); i++)
        {
            if (namedSlots![i] < 0 || namedSlots[i] >= 1 << bits || (i > 0 && namedSlots[i] <= namedSlots[i - 1]))
                throw new InvalidDataException($"{user}: its named slots must increase within 0 to {(1 << bits) - 1}; {namedSlots[i]} does not");
            if (string.IsNullOrEmpty(slotNames![i]))
                throw new InvalidDataException($"{user}: the name of slot {namedSlots[i]} is empty");
        }
        _namedSlots = namedSlots;
        _slotNames = slotNames;
        _slotNameAnnotations = new(() => namedSlots is null ? null : new DataViewSchema.Annotations(null, DenseSlotNames(1 << bits)));
    }

    internal static WordHashBagTransformer Load(StageReader reader)
    {
        try
        {
            return new(reader.Get<string>("output"), reader.Get<string>("input"), reader.Get<int>("numberOfBits"),
                new NgramSettings(reader.Get<int>("ngramLength"), reader.Get<int>("skipLength"), reader.Get<bool>("useAllLengths"), [int.MaxValue], NgramExtractingEstimator.WeightingCriteria.Tf),
                reader.Get<uint>("seed"), reader.Get<bool>("useOrderedHashing"), reader.GetOptional<int[]>("namedSlots"), reader.GetOptional<string[]>("slotNames"));
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw reader.Corrupt(e.Message);
        }
    }

    private string User => $"ProduceHashedWordBags('{_output}')";

    private protected override string StageKind => Kind;

    private protected override void Save(StageWriter writer)
    {
        writer.Set("output", _output);
        writer.Set("input", _input);
        writer.Set("numberOfBits", _bits);
        writer.Set("ngramLength", _settings.NgramLength);
        writer.Set("skipLength", _settings.SkipLength);
        writer.Set("useAllLengths", _settings.UseAllLengths);
        writer.Set("seed", _seed);
        writer.Set("useOrderedHashing", _ordered);
        if (_namedSlots is not null)
        {
            writer.Set("namedSlots", _namedSlots);
            writer.Set("slotNames", _slotNames);
        }
    }

    /// <summary>
    /// This bag with its slots named after the n-grams of <paramref name="data"/> that fall in them, at
    /// most <paramref name="maximum"/> distinct ones per slot (-1: all), as ML.NET's inverted hashes.
    /// </summary>
    internal WordHashBagTransformer WithSlotNames(IDataView data, int maximum)
    {
        var column = TextColumns.Input(data.Schema, _input, User);
        var met = new SortedDictionary<int, List<string>>();
        var distinct = new HashSet<(int, string)>();
        using var cursor = data.GetRowCursor([column]);
        var readWords = WordTokenizingTransformer.RowWords(cursor, column, WordTokenizingEstimator.DefaultSeparators);
        while (cursor.MoveNext())
        {
            var words = readWords();
            ForEachCounted(words, 1 << _bits, (slot, positions) =>
            {
                var names = met.TryGetValue(slot, out var list) ? list : met[slot] = [];
                if (maximum >= 0 && names.Count >= maximum)
                    return;
                string ngram = string.Join('|', positions.ToArray().Select(p => words[p]));
                if (distinct.Add((slot, ngram)))
                    names.Add(ngram);
            });
        }
        return new(_output, _input, _bits, _settings, _seed, _ordered, [.. met.Keys], [.. met.Values.Select(n => n is [var one] ? one : "{" + string.Join(',', n) + "}")]);
    }

    private protected override IReadOnlyList<OutputColumn> Outputs(DataViewSchema input)
    {
        var column = TextColumns.Input(input, _input, $"ProduceHashedWordBags('{_output}')");
        int slots = 1 << _bits;
        return [OutputColumn.Sparse<float>(_output, new VectorDataViewType(NumberDataViewType.Single, slots), cursor =>
        {
            var readWords = WordTokenizingTransformer.RowWords(cursor, column, WordTokenizingEstimator.DefaultSeparators);
            return (ref VBuffer<float> bag) =>
            {
                var counts = new Dictionary<int, float>();
                ForEachCounted(readWords(), slots, (slot, _) => counts[slot] = counts.GetValueOrDefault(slot) + 1);
                bag = SparseVectors.FromCounts(slots, counts);
            };
        }, _slotNameAnnotations.Value)];
    }

    private string[] DenseSlotNames(int slots)
    {
        var names = new string[slots];
        Array.Fill(names, "");
        for (int i = 0; i < _namedSlots!.Length; i++)
            names[_namedSlots[i]] = _slotNames![i];
        return names;
    }

    /// <summary>Visits each n-gram of a row's words that the bag counts: its slot, and the positions of its words.</summary>
    private void ForEachCounted(string[] words, int slots, Action<int, ReadOnlyMemory<int>> visit)
    {
        uint wordMask = (1u << WordBits) - 1, slotMask = (uint)slots - 1;
        // Keys are 1..2^30, so they fit the n-gram enumeration's ints.
        var keys = new int[words.Length];
        for (int i = 0; i < words.Length; i++)
            keys[i] = (int)((MurmurHash.Of(_seed, words[i].AsSpan()) & wordMask) + 1);
        var positions = new int[words.Length];
        for (int i = 0; i < positions.Length; i++)
            positions[i] = i;
        var ngramKeys = new int[_settings.NgramLength];
        NgramPool.ForEachNgram(_settings, positions, ngram =>
        {
            var at = ngram.Span;
            for (int i = 0; i < at.Length; i++)
                ngramKeys[i] = keys[at[i]];
            if (Slot(ngramKeys.AsSpan(0, at.Length)) is uint slot)
                visit((int)(slot & slotMask), ngram);
        });
    }

    // The hash of an n-gram before the slot mask, or null for one this bag does not count (shorter than the length without all lengths).
    private uint? Slot(ReadOnlySpan<int> ngram)
    {
        if (!_settings.UseAllLengths && ngram.Length < _settings.NgramLength)
            return null;
        // With all lengths a single word is its key; without them only n-grams of the full length come here.
        uint hash = ngram.Length == 1 && (_settings.UseAllLengths || _settings.NgramLength == 1) ? (uint)ngram[0] : HashKeys(ngram);
        return _ordered ? MurmurHash.Mix(hash, 0) : hash;
    }

    private uint HashKeys(ReadOnlySpan<int> keys)
    {
        uint hash = _seed;
        foreach (int key in keys)
            hash = MurmurHash.Round(hash, (uint)key);
        return MurmurHash.Mix(MurmurHash.Round(hash, (uint)keys.Length), 0);
    }
}
