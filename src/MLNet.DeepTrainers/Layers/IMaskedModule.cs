namespace MLNet.DeepTrainers;

/// <summary>
/// A module whose output depends on which steps are padding: the network calls <see cref="Forward"/>
/// instead of its plain forward when a mask reaches its layer (<see cref="NetworkArchitecture.Masked"/>).
/// </summary>
internal interface IMaskedModule
{
    /// <summary>The output for <paramref name="input"/> [rows, steps, features] whose real steps are true in <paramref name="mask"/> [rows, steps].</summary>
    Tensor Forward(Tensor input, Tensor mask);
}
