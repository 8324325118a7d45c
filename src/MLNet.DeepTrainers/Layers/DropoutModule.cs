namespace MLNet.DeepTrainers;

/// <summary>Dropout while training, each input value on its own, with masks from a generator of the module's own (<see cref="DropoutMasks"/>).</summary>
internal sealed class DropoutModule : TorchModule
{
    private readonly DropoutMasks _masks;

    /// <summary>Dropout of <paramref name="rate"/>, in [0, 1), its masks seeded from <paramref name="draws"/>.</summary>
    public DropoutModule(double rate, torch.Generator draws) : base("Dropout") => _masks = new DropoutMasks(rate, draws);

    public override Tensor forward(Tensor input)
    {
        using var mask = Mask(input);
        return mask is null ? input : input.mul(mask);
    }

    /// <summary>The mask this step multiplies <paramref name="input"/> by (0 or 1 / (1 - rate) per value); null when nothing is dropped (not training, or a rate of 0).</summary>
    public Tensor? Mask(Tensor input) => training && _masks.Drops ? _masks.Draw(input.shape, input) : null;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _masks.Dispose();
        base.Dispose(disposing);
    }
}
