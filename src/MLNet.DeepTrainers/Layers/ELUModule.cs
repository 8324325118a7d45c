namespace MLNet.DeepTrainers;

/// <summary>
/// ELU with alpha 1 (PyTorch's nn.ELU()), given its alpha, scale and input scale as cached scalars:
/// TorchSharp's nn.ELU passes them to libtorch as three temporary Scalars on every forward pass, which a
/// garbage collection during the native call can free first (see <see cref="Scalars"/>).
/// </summary>
internal sealed class ELUModule() : TorchModule("ELU")
{
    public override Tensor forward(Tensor input) => input.elu(Scalars.One, Scalars.One, Scalars.One);
}
