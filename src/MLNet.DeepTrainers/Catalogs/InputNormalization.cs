namespace MLNet.DeepTrainers;

/// <summary>Whether a deep trainer standardises its inputs first (<see cref="DeepTrainerOptions.NormalizeInputs"/>).</summary>
public enum InputNormalization
{
    /// <summary>
    /// Standardise unless ML.NET's normalisers already did: when the feature column lacks ML.NET's
    /// <c>IsNormalized</c> annotation (which <c>NormalizeMeanVariance</c>, <c>NormalizeMinMax</c> and the
    /// other normalisers set), the network begins with a <see cref="Normalization"/> adapted to the training data.
    /// A network that begins with an <see cref="Embedding"/> reads token indices, which are left as they are.
    /// </summary>
    Auto,

    /// <summary>Always begin with a <see cref="Normalization"/> adapted to the training data.</summary>
    Yes,

    /// <summary>Train on the features as they are.</summary>
    No,
}
