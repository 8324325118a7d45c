using System.Runtime.CompilerServices;

namespace MLNet.DeepTrainers.Trainers.FastTree;

/// <summary>
/// What boosting minimises: the starting scores, and each row's gradient and hessian of the loss at
/// the current scores (Newton boosting, as XGBoost and LightGBM). Scores are row-major, one per output.
/// </summary>
internal abstract class TreeObjective
{
    public abstract int Outputs { get; }

    public abstract double[] InitialScores(float[] labels, float[]? weights);

    /// <summary>Fills gradients[k] and hessians[k] of every output k for every row (once per round: overrides compile optimised from the first call).</summary>
    public abstract void Gradients(double[] scores, float[] labels, float[]? weights, float[][] gradients, float[][] hessians);

    /// <summary>
    /// The unweighted error early stopping watches, as ML.NET's FastTree tests compute it: for
    /// regression the mean absolute error (L1) or the root mean squared error (L2), for
    /// classification the fraction of rows whose predicted class is wrong.
    /// </summary>
    public abstract double Error(double[] scores, float[] labels, EarlyStoppingMetric metric);

    private protected static double ErrorRate(float[] labels, Func<int, int> predictedClass)
    {
        int wrong = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (predictedClass(i) != (int)labels[i])
                wrong++;
        }
        return (double)wrong / labels.Length;
    }

    private protected static double WeightedMean(float[] labels, float[]? weights, Func<float, double> value)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = weights?[i] ?? 1;
            sum += w * value(labels[i]);
            total += w;
        }
        return total > 0 ? sum / total : 0;
    }

    /// <summary>Squared error: gradient score - label, hessian 1; starts at the label mean.</summary>
    public sealed class SquaredError : TreeObjective
    {
        public override int Outputs => 1;

        public override double[] InitialScores(float[] labels, float[]? weights) => [WeightedMean(labels, weights, y => y)];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Gradients(double[] scores, float[] labels, float[]? weights, float[][] gradients, float[][] hessians)
        {
            var score = scores.AsSpan(0, labels.Length);
            var gradient = gradients[0].AsSpan(0, labels.Length);
            var hessian = hessians[0].AsSpan(0, labels.Length);
            if (weights is null)
            {
                for (int i = 0; i < labels.Length; i++)
                    gradient[i] = (float)(score[i] - labels[i]);
                hessian.Fill(1);
                return;
            }
            for (int i = 0; i < labels.Length; i++)
            {
                gradient[i] = (float)(score[i] - labels[i]) * weights[i];
                hessian[i] = weights[i];
            }
        }

        public override double Error(double[] scores, float[] labels, EarlyStoppingMetric metric)
        {
            double sum = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                double error = scores[i] - labels[i];
                sum += metric == EarlyStoppingMetric.L2Norm ? error * error : Math.Abs(error);
            }
            double mean = sum / labels.Length;
            return metric == EarlyStoppingMetric.L2Norm ? Math.Sqrt(mean) : mean;
        }
    }

    /// <summary>Logistic loss on 0/1 labels: gradient p - y, hessian p(1 - p); starts at the log-odds of the positive rate.</summary>
    public sealed class Logistic : TreeObjective
    {
        public override int Outputs => 1;

        public override double[] InitialScores(float[] labels, float[]? weights)
        {
            double p = Math.Clamp(WeightedMean(labels, weights, y => y), 1e-6, 1 - 1e-6);
            return [Math.Log(p / (1 - p))];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Gradients(double[] scores, float[] labels, float[]? weights, float[][] gradients, float[][] hessians)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                float w = weights?[i] ?? 1;
                double p = 1 / (1 + Math.Exp(-scores[i]));
                gradients[0][i] = (float)(p - labels[i]) * w;
                hessians[0][i] = (float)Math.Max(p * (1 - p), 1e-16) * w;
            }
        }

        // A positive score (probability above one half) predicts class 1, as ML.NET's binary test.
        public override double Error(double[] scores, float[] labels, EarlyStoppingMetric metric) =>
            ErrorRate(labels, i => scores[i] > 0 ? 1 : 0);
    }

    /// <summary>Softmax cross-entropy over class indices: per class, gradient p_k - [y = k] and hessian 2·p_k(1 - p_k), as XGBoost; starts at the log class priors.</summary>
    public sealed class Softmax(int classes) : TreeObjective
    {
        public override int Outputs => classes;

        public override double[] InitialScores(float[] labels, float[]? weights) =>
            Enumerable.Range(0, classes).Select(k => Math.Log(Math.Max(WeightedMean(labels, weights, y => (int)y == k ? 1 : 0), 1e-6))).ToArray();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Gradients(double[] scores, float[] labels, float[]? weights, float[][] gradients, float[][] hessians)
        {
            Span<double> p = stackalloc double[classes];
            for (int i = 0; i < labels.Length; i++)
            {
                float w = weights?[i] ?? 1;
                var row = scores.AsSpan(i * classes, classes);
                double max = double.NegativeInfinity, total = 0;
                foreach (double s in row)
                    max = Math.Max(max, s);
                for (int k = 0; k < classes; k++)
                    total += p[k] = Math.Exp(row[k] - max);
                for (int k = 0; k < classes; k++)
                {
                    double pk = p[k] / total;
                    gradients[k][i] = (float)(pk - ((int)labels[i] == k ? 1 : 0)) * w;
                    hessians[k][i] = (float)Math.Max(2 * pk * (1 - pk), 1e-16) * w;
                }
            }
        }

        // The class with the highest score, as the prediction transformer picks it.
        public override double Error(double[] scores, float[] labels, EarlyStoppingMetric metric) =>
            ErrorRate(labels, i => MulticlassPredictionTransformer<TreeEnsembleModel>.ArgMax<double>(scores.AsSpan(i * classes, classes)));
    }
}
