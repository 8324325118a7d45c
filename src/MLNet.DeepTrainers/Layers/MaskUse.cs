namespace MLNet.DeepTrainers;

/// <summary>What a layer does with the mask of padded steps that reaches it (Keras's masking, from <see cref="Embedding.MaskZero"/>).</summary>
internal enum MaskUse
{
    /// <summary>The layer cannot honour a mask, so a network that gives it one is refused, as Keras refuses it.</summary>
    Refuses,
    /// <summary>The mask passes through to the next layer: the layer keeps the steps (Dense, Dropout, activations, a recurrent layer returning sequences).</summary>
    PassesOn,
    /// <summary>The layer reads the mask and its output has no steps left to mask (a recurrent layer's last state, the global poolings).</summary>
    Consumes,
}
