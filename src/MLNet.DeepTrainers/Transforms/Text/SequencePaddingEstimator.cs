namespace MLNet.DeepTrainers.Transforms.Text;

/// <summary>Estimator for <see cref="SequencePaddingTransformer"/>: nothing to learn.</summary>
public sealed class SequencePaddingEstimator : TrivialEstimator<SequencePaddingTransformer>
{
    /// <summary>Which end of a sequence is padded or cut (Keras's "pre" and "post").</summary>
    public enum Side
    {
        /// <summary>The start: padding goes before the tokens, a long sequence keeps its last tokens (Keras's default).</summary>
        Pre,
        /// <summary>The end: padding goes after the tokens, a long sequence keeps its first tokens.</summary>
        Post,
    }

    internal SequencePaddingEstimator(string outputColumnName, string inputColumnName, int length, Side padding, Side truncating)
        : base(new SequencePaddingTransformer(outputColumnName, inputColumnName, length, padding, truncating)) { }
}
