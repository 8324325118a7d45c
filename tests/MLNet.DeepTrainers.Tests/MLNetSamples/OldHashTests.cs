using MLNet.DeepTrainers.Data;
using MLNet.DeepTrainers.Transforms;

namespace MLNet.DeepTrainers.Tests.MLNetSamples;

/// <summary>
/// Why the hashing samples' printed keys differ from this library's (and a current ML.NET's): they come
/// from the hash ML.NET used before version 0x00010003 of its Hash transform (HashCoreOld in its
/// Transforms/Hashing.cs, MurmurHash in Utilities/Hashing.cs). Written out here for ASCII text and
/// 32-bit values from that description, it reproduces every printed key: so the samples' seeds, masks
/// and ordered-hashing seeds are what this library does, and only the hash function changed.
/// </summary>
public class OldHashTests
{
    // The old text hash: UTF-8 bytes packed little-endian into 32-bit blocks, every block (the last,
    // partial one too) a full MurmurHash3 round, then a round of the byte length and the final mix.
    private static uint OldTextHash(uint seed, string text)
    {
        uint hash = seed;
        var bytes = System.Text.Encoding.ASCII.GetBytes(text.Trim(' '));
        for (int i = 0; i < bytes.Length; i += 4)
        {
            uint block = 0;
            for (int b = 0; b < 4 && i + b < bytes.Length; b++)
                block |= (uint)bytes[i + b] << (8 * b);
            hash = MurmurHash.Round(hash, block);
        }
        return Mix(MurmurHash.Round(hash, (uint)bytes.Length));
    }

    // The old hash of a 32-bit value: one round and the final mix without the length.
    private static uint OldValueHash(uint seed, uint value) => Mix(MurmurHash.Round(seed, value));

    private static uint Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        return hash ^ (hash >> 16);
    }

    private static uint Key(uint hash, int bits) => (hash & ((1u << bits) - 1)) + 1;

    [Fact]
    public void The_Hash_samples_keys_are_the_old_hash_of_the_default_seed()
    {
        // Conversion/Hash.cs and HashWithOptions.cs (unordered).
        Assert.Equal([36206u, 19015u, 6013u], new[] { "MLB", "NFL", "MLS" }.Select(t => Key(OldTextHash(HashDefaults.Seed, t), 16)));
        Assert.Equal([127u, 62u, 43u], new[] { 18u, 14u, 15u }.Select(v => Key(OldValueHash(HashDefaults.Seed, v), 8)));
    }

    [Fact]
    public void The_OneHotHashEncoding_samples_keys_are_the_old_hash_with_the_ordered_seed_of_slot_0()
    {
        // Categorical/OneHotHashEncoding(MultiColumn).cs: ordered hashing by default, a scalar hashed as slot 0.
        uint seed = MurmurHash.Round(HashDefaults.Seed, 0);
        Assert.Equal([4u, 5u, 8u], new[] { "0-5yrs", "6-11yrs", "11-15yrs" }.Select(t => Key(OldTextHash(seed, t), 3)));
        Assert.Equal([8u, 1u], new[] { "98005", "98052" }.Select(t => Key(OldTextHash(seed, t), 3)));
        // Unordered, the keys would differ: the slot is in the seed.
        Assert.NotEqual([4u, 5u, 8u], new[] { "0-5yrs", "6-11yrs", "11-15yrs" }.Select(t => Key(OldTextHash(HashDefaults.Seed, t), 3)));
    }

    [Fact]
    public void The_ProduceHashedWordBags_samples_counts_are_the_old_hash_of_its_words()
    {
        // Text/ProduceHashedWordBags.cs: words hashed to 30-bit keys with the bag's seed, each trigram of keys
        // hashed as today (rounds over the keys, a round of their count, the mix; ordered: mixed again) into 5 bits.
        const uint Seed = 314489979;
        var keys = "This is an example to compute bag-of-word features using hashing.".Split(' ').Select(w => Key(OldTextHash(Seed, w), 30)).ToArray();
        var bag = new float[32];
        for (int start = 0; start + 3 <= keys.Length; start++)
        {
            uint hash = Seed;
            for (int i = 0; i < 3; i++)
                hash = MurmurHash.Round(hash, keys[start + i]);
            bag[Mix(Mix(MurmurHash.Round(hash, 3))) & 31]++;
        }
        Assert.Equal([0f, 0, 0, 0, 0, 0, 1, 2, 0, 0], bag.Take(10));
    }
}
