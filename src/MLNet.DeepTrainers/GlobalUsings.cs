global using Microsoft.ML;
global using Microsoft.ML.Data;
global using TorchSharp;
global using Tensor = TorchSharp.torch.Tensor;
global using TorchModule = TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>;
