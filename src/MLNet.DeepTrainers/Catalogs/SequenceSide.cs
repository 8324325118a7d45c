namespace MLNet.DeepTrainers;

/// <summary>
/// Which end of a token sequence padding goes to, or truncation cuts from (Keras's <c>pad_sequences</c>
/// <c>padding</c> and <c>truncating</c>: "pre" or "post"); see <see cref="DeepTrainerOptions.MaxSequenceLength"/>.
/// </summary>
public enum SequenceSide
{
    /// <summary>The start: padding before the tokens, truncation dropping the first tokens (Keras's default for both).</summary>
    Pre,

    /// <summary>The end: padding after the tokens, truncation dropping the last tokens.</summary>
    Post,
}
