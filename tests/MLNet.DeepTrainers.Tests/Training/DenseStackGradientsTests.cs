using TorchSharp;
using MLNet.DeepTrainers.Tests.Layers;
using static TorchSharp.torch;

namespace MLNet.DeepTrainers.Tests.Training;

/// <summary>
/// A network of Dense layers trains on gradients written out rather than autograd's: for every activation, task,
/// loss and weighting taken, they are autograd's on the same batch; the networks it does not take are left to
/// autograd; and a fit through it ends where the same fit through autograd ends.
/// </summary>
public sealed class DenseStackGradientsTests
{
    // An odd number of rows: an absolute error's gradient on a bias, a sum of signs, is then never 0.
    private const int Rows = 13, Inputs = 5;

    public static TheoryData<string, LossFunction, ActivationKind, string> Cases()
    {
        var data = new TheoryData<string, LossFunction, ActivationKind, string>();
        var losses = new (string Task, LossFunction Loss)[]
        {
            ("Regression", LossFunction.MeanSquaredError), ("Regression", LossFunction.MeanAbsoluteError), ("Regression", LossFunction.Huber),
            ("BinaryClassification", LossFunction.BinaryCrossEntropy), ("MulticlassClassification", LossFunction.CategoricalCrossEntropy),
            ("MultiLabelClassification", LossFunction.BinaryCrossEntropy),
        };
        foreach (var (task, loss) in losses)
            foreach (var activation in new[] { ActivationKind.Linear, ActivationKind.ReLU, ActivationKind.Tanh, ActivationKind.Sigmoid })
                data.Add(task, loss, activation, "flat");
        // Images of two channels, each standardised on its own, then flattened; a Dropout after each hidden layer.
        foreach (var (task, loss) in losses)
        {
            data.Add(task, loss, ActivationKind.ReLU, "images");
            data.Add(task, loss, ActivationKind.ReLU, "dropout");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_written_out_gradients_are_autograds(string taskName, LossFunction loss, ActivationKind activation, string form)
    {
        bool images = form == "images", dropout = form == "dropout";
        int[] shape = images ? [2, 1, Inputs] : [Inputs];
        int width = shape.Aggregate(1, (a, b) => a * b);
        TorchRuntime.EnsureLoaded();
        var (task, classes) = Task(taskName);
        foreach (bool weighted in new[] { false, true })
        {
            using var scope = NewDisposeScope();
            using var draws = new Generator(3);
            // Labels far from 0 and 1 (regression), so that the label layer's statistics matter.
            var x = randn(Rows, width, generator: draws).mul(3).add(2);
            var y = taskName switch
            {
                "Regression" => randn(Rows, generator: draws).mul(20).add(50),
                "MulticlassClassification" => randint(classes, [Rows], generator: draws),
                "MultiLabelClassification" => rand(Rows, classes, generator: draws).round(),
                _ => rand(Rows, generator: draws).round(),
            };
            var w = weighted ? rand(Rows, generator: draws).mul(2) : null;
            Layer[] hidden = dropout ? [new Dense(6, activation), new Dropout(0.3f), new Dense(4, activation), new Dropout(0.3f)] : [new Dense(6, activation), new Dense(4, activation)];
            Layer[] layers = [new Normalization(), .. images ? [new Flatten()] : Array.Empty<Layer>(), .. hidden, new Dense(classes),
                .. task.LabelHasUnits ? [new Normalization { Invert = true }] : Array.Empty<Layer>()];
            // Two networks from one seed: the same weights, and the same dropout masks drawn in the same order.
            SequentialNetwork Network()
            {
                var built = new NetworkArchitecture(shape, layers).Build(seed: 2);
                built.FeatureStatistics!.Adapt(x.data<float>().ToArray(), width);
                built.LabelStatistics?.AdaptToLabels(y.data<float>().ToArray());
                built.train();
                return built;
            }
            using var network = Network();
            double lossScale = network.LabelStatistics is { } labels ? 1 / task.LossUnit(loss, labels.Deviation) : 1;
            var outputs = network.forward(x);
            task.BatchLoss(loss, outputs, y, w).backward([tensor((float)lossScale)]);
            var expected = network.parameters().Select(p => p.grad!.clone()).ToArray();

            using var handNetwork = Network();
            var parameters = handNetwork.parameters().ToArray();
            using var stack = DenseStackGradients.For(handNetwork, task, loss);
            Assert.NotNull(stack);
            var handOutputs = stack.Forward(x);
            Assert.True(handOutputs.allclose(outputs.detach(), rtol: 1e-5, atol: 1e-5), $"{taskName} {loss} {activation} {form}: the outputs differ");
            stack.Backward(task.OutputGradient(loss, handOutputs, y, w, lossScale * stack.OutputUnit));
            // To 1e-5 of the largest gradient: a hidden bias's gradient can be a sum of terms that nearly cancel.
            float size = expected.Max(g => g.abs().max().item<float>());
            for (int i = 0; i < parameters.Length; i++)
                Golden.Near(expected[i].data<float>().ToArray(), parameters[i].grad!.data<float>().ToArray(), 1e-5 * size, $"{taskName} {loss} {activation} {form} weighted {weighted}: gradient of parameter {i}");
            Assert.True(expected.All(g => g.abs().sum().item<float>() > 0), "a gradient was zero: the case tests nothing");
        }
    }

    [Fact]
    public void Networks_with_anything_but_Dense_layers_or_a_loss_without_a_written_gradient_are_left_to_autograd()
    {
        TorchRuntime.EnsureLoaded();
        bool Taken(Layer[] layers, LossFunction? loss = null, LearningTask? task = null)
        {
            using var network = new NetworkArchitecture([Inputs], layers).Build(seed: 1);
            using var stack = DenseStackGradients.For(network, task ?? RegressionTask.Instance, loss);
            return stack is not null;
        }
        Assert.True(Taken([new Dense(4, ActivationKind.ReLU), new Dense(1)]));
        Assert.True(Taken([new Normalization(), new Dense(1, useBias: false), new Normalization { Invert = true }]));
        Assert.True(Taken([new Flatten(), new Dense(1)]));
        Assert.False(Taken([new Dense(4), new Flatten(), new Dense(1)]), "a Flatten after a Dense");
        Assert.False(Taken([new Dense(4, ActivationKind.ELU), new Dense(1)]), "ELU");
        Assert.False(Taken([new Dense(4), new Activation(ActivationKind.ReLU), new Dense(1)]), "an Activation layer");
        Assert.True(Taken([new Dense(4), new Dropout(0.5f), new Dense(1)]));
        Assert.False(Taken([new Dropout(0.5f), new Dense(1)]), "a Dropout before any Dense");
        Assert.False(Taken([new Dense(4) { KernelRegularizer = Regularizers.L2(0.01) }, new Dense(1)]), "a penalty");
        Assert.False(Taken([new Dense(1)], loss: LossFunction.Hinge, task: BinaryClassificationTask.Instance), "hinge");
    }

    /// <summary>
    /// The same layers and names, the second network's ReLU a layer of its own (so autograd trains it): the weights end
    /// alike (the dropout masks too are the same, drawn from generators seeded alike). Plain Sgd, whose steps, unlike
    /// Adam's, show a gradient off by a constant factor.
    /// </summary>
    [Fact]
    public void A_fit_through_the_written_out_gradients_ends_where_autograds_ends()
    {
        var ml = new MLContext(seed: 1);
        var boston = Datasets.BostonFeatures(ml).Fit(Datasets.Boston(ml)).Transform(Datasets.Boston(ml));
        var iris = Datasets.IrisFeatures(ml).Fit(Datasets.Iris(ml)).Transform(Datasets.Iris(ml));
        Layer[] Layers(bool apart, int outputs) => apart
            ? [new Dense(16), new Activation(ActivationKind.ReLU), new Dropout(0.2f), new Dense(outputs)]
            : [new Dense(16, ActivationKind.ReLU), new Dropout(0.2f), new Dense(outputs)];
        var results = new List<(IReadOnlyDictionary<string, NamedTensor> Regression, IReadOnlyDictionary<string, NamedTensor> Multiclass, double Loss)>();
        foreach (bool apart in new[] { false, true })
        {
            var regression = ml.Regression.Trainers.Sequential(new SequentialOptions
            {
                Layers = Layers(apart, 1), LabelColumnName = "MEDV", Loss = LossFunction.Huber, Epochs = 3, BatchSize = 16, Seed = 4, Optimizer = new Sgd(0.05),
            }).Fit(boston).Model;
            var multiclass = ml.MulticlassClassification.Trainers.Sequential(new SequentialOptions
            {
                Layers = Layers(apart, 3), ClassWeights = [1, 2, 0.5f], Epochs = 3, BatchSize = 8, Seed = 4, Optimizer = new Sgd(0.05),
            }).Fit(iris).Model;
            results.Add((regression.GetWeights(), multiclass.GetWeights(), regression.History.Epochs[^1].Loss));
        }
        Assert.True(results[0].Loss > 0);
        // To 1e-4: the two compute the same products in other calls (a kernel's gradient added by addmm against mm, then
        // added), which may round differently in the last bit, and 3 epochs of steps carry such differences on.
        foreach (var (name, weight) in results[0].Regression)
            Golden.Near(results[1].Regression[name].Values, weight.Values, 1e-4, "regression " + name);
        foreach (var (name, weight) in results[0].Multiclass)
            Golden.Near(results[1].Multiclass[name].Values, weight.Values, 1e-4, "multiclass " + name);
    }

    private static (LearningTask Task, int Width) Task(string name) => name switch
    {
        "Regression" => (RegressionTask.Instance, 1),
        "BinaryClassification" => (BinaryClassificationTask.Instance, 1),
        "MulticlassClassification" => (MulticlassClassificationTask.Instance, 4),
        _ => (MultiLabelClassificationTask.Instance, 3),
    };
}
