namespace MLNet.DeepTrainers;

/// <summary>Dropout while training, each input value on its own, with masks from a generator of the module's own (<see cref="DropoutMasks"/>).</summary>
internal sealed class DropoutModule : TorchModule
{
    private readonly DropoutMasks _masks;

    /// <summary>Dropout of <paramref name="rate"/>, in [0, 1), its masks seeded from <paramref name="draws"/>.</summary>
    public DropoutModule(double rate, torch.Generator draws) : base("Dropout") => _masks = new DropoutMasks(rate, draws);

    public override Tensor forward(Tensor input)
    {
        if (!training || !_masks.Drops)
            return input;
        using var mask = _masks.Draw(input.shape, input);
        return input.mul(mask);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _masks.Dispose();
        base.Dispose(disposing);
    }
}
