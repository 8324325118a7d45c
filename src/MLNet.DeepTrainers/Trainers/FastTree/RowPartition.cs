using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// Reorders a leaf's rows, left child first, each side keeping its ascending order, so every leaf's
/// rows stay contiguous. Large leaves are cut into one piece per thread, each partitioned on its own,
/// then joined.
/// </summary>
internal sealed unsafe class RowPartition(FeatureBins featureBins, PartRunner runner)
{
    // Below this many rows one thread partitions faster than two can be handed the work.
    private const int RowsWorthSplitting = 16384;
    private int[] _rightRows = [];

    /// <summary>Makes room for leaves of up to <paramref name="rowCount"/> rows.</summary>
    public void Reserve(int rowCount)
    {
        if (_rightRows.Length < rowCount)
            _rightRows = new int[rowCount];
    }

    /// <summary>Partitions rows[start .. start + count) by <paramref name="split"/>; returns how many went left.</summary>
    public int Apply(int[] rows, int start, int count, LeafSplit split)
    {
        int pieces = count < RowsWorthSplitting ? 1 : runner.Threads;
        var lefts = new int[pieces];
        int per = (count + pieces - 1) / pieces;
        if (pieces == 1)
            lefts[0] = Piece(rows, start, count, 0, split);
        else
            runner.Run(pieces, (p, _) => lefts[p] = Piece(rows, start + p * per, Math.Min(per, count - p * per), p * per, split));
        // Each piece left its lefts at its own start and its rights in _rightRows at its offset: gather them.
        int leftCount = lefts[0];
        for (int p = 1; p < pieces; p++)
        {
            Array.Copy(rows, start + p * per, rows, start + leftCount, lefts[p]);
            leftCount += lefts[p];
        }
        int at = start + leftCount;
        for (int p = 0; p < pieces; p++)
        {
            int pieceCount = Math.Min(per, count - p * per);
            Array.Copy(_rightRows, p * per, rows, at, pieceCount - lefts[p]);
            at += pieceCount - lefts[p];
        }
        return leftCount;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Piece(int[] rows, int start, int count, int rightOffset, LeafSplit split)
    {
        int feature = split.Feature, bin = split.Bin;
        int missingLeft = split.MissingLeft ? 1 : 0;
        int leftCount = 0, rightCount = 0;
        fixed (int* index = rows, rightRows = _rightRows)
        fixed (byte* columns = featureBins.Columns)
        {
            int* target = index + start;
            int* right = rightRows + rightOffset;
            // The split feature's column (feature-major) is one byte per row: it stays in cache, where
            // each row's bins row-major would cost a cache line.
            byte* binsOf = columns + (long)feature * featureBins.Rows;
            // Branch-free: each row is written to both sides and only the side it belongs to advances.
            for (int i = 0; i < count; i++)
            {
                int r = target[i];
                int b = binsOf[r];
                // Value bins 1 to bin go left (b - 1 wraps round for the missing bin 0, which follows missingLeft).
                int goesLeft = ((uint)(b - 1) < (uint)bin ? 1 : 0) | (b == 0 ? missingLeft : 0);
                target[leftCount] = r;
                right[rightCount] = r;
                leftCount += goesLeft;
                rightCount += 1 - goesLeft;
            }
        }
        return leftCount;
    }
}
