using MLNet.DeepTrainers.Deep;
using MLNet.DeepTrainers.Models;
using MLNet.DeepTrainers.Trainers;

namespace MLNet.DeepTrainers.Tests.Trainers;

public class PyTorchParityTests
{
    [Fact]
    public void A_network_with_PyTorchs_weights_gives_PyTorchs_outputs()
    {
        // Fixtures/parity.safetensors holds weights, inputs and PyTorch's outputs, written by eng/golden/pytorch_parity.py.
        Layer[] layers = [new Conv2D(4, 3, strides: 2, padding: Padding.Same, activation: ActivationKind.ReLU), new BatchNormalization(), new MaxPooling2D(2),
            new Flatten(), new Dense(5, ActivationKind.GELU), new PReLU(), new Dense(3)];
        var architecture = new NetworkArchitecture([2, 8, 8], layers, ActivationKind.Linear);
        // The file must hold exactly the architecture's tensors (as PyTorch names them) plus the fixture's own two.
        var expectedTensors = new Dictionary<string, long[]>(architecture.Tensors()) { ["input"] = [6, 2, 8, 8], ["expected"] = [6, 3] };
        var tensors = SafeTensors.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "parity.safetensors")), expectedTensors, "parity.safetensors");
        var input = tensors["input"];
        var expected = tensors["expected"];
        var weights = tensors.Where(t => t.Key is not ("input" or "expected")).ToDictionary();
        IScoringModel model = new SequentialModel(architecture, weights, new TrainingHistory());

        int rows = (int)input.Shape[0];
        var output = new float[rows * 3];
        model.Predict(input.Values, rows, output);

        for (int i = 0; i < output.Length; i++)
            Assert.Equal(expected.Values[i], output[i], 1e-5f);
    }
}
