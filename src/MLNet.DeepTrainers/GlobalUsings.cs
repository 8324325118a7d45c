// The library's own namespaces follow ML.NET's (Microsoft.ML → MLNet.DeepTrainers); inside the
// library every file sees all of them, so moving a type between namespaces touches one line.
global using MLNet.DeepTrainers.Data;
global using MLNet.DeepTrainers.Deep;
global using MLNet.DeepTrainers.Evaluation;
global using MLNet.DeepTrainers.Models;
global using MLNet.DeepTrainers.Reports;
global using MLNet.DeepTrainers.Runtime;
global using MLNet.DeepTrainers.Torch;
global using MLNet.DeepTrainers.Trainers;
global using MLNet.DeepTrainers.Trainers.FastTree;
global using MLNet.DeepTrainers.Transforms;
global using MLNet.DeepTrainers.Transforms.Text;
global using MLNet.DeepTrainers.Tuning;
global using MLNet.DeepTrainers.Onnx;
