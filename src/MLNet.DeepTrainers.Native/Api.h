// The C ABI the managed bridge calls. Every function catches everything: on failure it returns a
// negative value (or null) and mldt_last_error() holds libtorch's message for this thread.
#pragma once
#include <stdint.h>

#define MLDT_API extern "C" __attribute__((visibility("default")))

typedef struct mldt_net mldt_net;

MLDT_API const char* mldt_last_error(void);
MLDT_API int mldt_set_num_threads(int threads);
MLDT_API int mldt_get_num_threads(void);
MLDT_API int mldt_cuda_device_count(void);

// device: -1 for the CPU, otherwise a CUDA device index.
MLDT_API mldt_net* mldt_net_create(const char* spec, uint64_t seed, int device);
MLDT_API void mldt_net_free(mldt_net* net);
// spec: "adam lr=0.001 ..." with optional clipnorm= and clipvalue= (Keras's per-weight clipping).
MLDT_API int mldt_net_set_optimizer(mldt_net* net, const char* spec);
MLDT_API int mldt_net_set_learning_rate(mldt_net* net, double learning_rate);
MLDT_API int mldt_net_set_loss(mldt_net* net, const char* spec);

// x: rows × input size, y: rows × target width, weights: rows or null. Writes the batch's mean loss
// (regularization included) and, when outputs is not null, the raw outputs (rows × output width).
MLDT_API int mldt_net_train_batch(mldt_net* net, const float* x, const float* y, const float* weights, int64_t rows,
                                  int64_t target_width, float* loss, float* outputs);
MLDT_API int mldt_net_evaluate(mldt_net* net, const float* x, const float* y, const float* weights, int64_t rows,
                               int64_t target_width, float* loss, float* outputs);
// out: rows × output width, the output activation applied.
MLDT_API int mldt_net_predict(mldt_net* net, const float* x, int64_t rows, float* out);

// Parameters and float buffers (batch-norm running statistics), by PyTorch nn.Sequential name.
MLDT_API int mldt_net_parameter_count(mldt_net* net);
MLDT_API const char* mldt_net_parameter_name(mldt_net* net, int index);
// Writes up to max_dims sizes and returns the number of dimensions.
MLDT_API int mldt_net_parameter_shape(mldt_net* net, int index, int64_t* dims, int max_dims);
MLDT_API int mldt_net_parameter_get(mldt_net* net, int index, float* values, int64_t count);
MLDT_API int mldt_net_parameter_set(mldt_net* net, int index, const float* values, int64_t count);
