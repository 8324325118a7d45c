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

// Every buffer travels with its length in elements; the shim checks each one against the shapes it
// was given (rows × the declared sizes) before it reads or writes, and fails with a message otherwise.

// device: -1 for the CPU, otherwise a CUDA device index.
MLDT_API mldt_net* mldt_net_create(const char* spec, uint64_t seed, int device);
MLDT_API void mldt_net_free(mldt_net* net);
// spec: "adam lr=0.001 ... clipnorm=0 clipvalue=0" (Keras's per-weight clipping; 0 for none).
MLDT_API int mldt_net_set_optimizer(mldt_net* net, const char* spec);
MLDT_API int mldt_net_set_learning_rate(mldt_net* net, double learning_rate);
MLDT_API int mldt_net_set_loss(mldt_net* net, const char* spec);
// The network, optimizer and loss specs as the shim understood them (each key with its parsed value),
// written NUL-terminated into text when it fits; returns the length without the NUL, or -1.
MLDT_API int64_t mldt_net_understood(mldt_net* net, char* text, int64_t capacity);

// x: rows × input size, y: rows × target width, weights: rows or null. Writes the batch's mean loss
// (regularization included) and, when outputs is not null, the raw outputs (rows × output width).
MLDT_API int mldt_net_train_batch(mldt_net* net, const float* x, int64_t x_count, const float* y, int64_t y_count,
                                  const float* weights, int64_t weights_count, int64_t rows, int64_t target_width,
                                  float* loss, float* outputs, int64_t outputs_count);
MLDT_API int mldt_net_evaluate(mldt_net* net, const float* x, int64_t x_count, const float* y, int64_t y_count,
                               const float* weights, int64_t weights_count, int64_t rows, int64_t target_width,
                               float* loss, float* outputs, int64_t outputs_count);
// out: rows × output width, the output activation applied.
MLDT_API int mldt_net_predict(mldt_net* net, const float* x, int64_t x_count, int64_t rows, float* out, int64_t out_count);

// Parameters and float buffers (batch-norm running statistics), by PyTorch nn.Sequential name.
MLDT_API int mldt_net_parameter_count(mldt_net* net);
MLDT_API const char* mldt_net_parameter_name(mldt_net* net, int index);
// Writes the sizes into dims and returns the number of dimensions; fails if there are more than max_dims.
MLDT_API int mldt_net_parameter_shape(mldt_net* net, int index, int64_t* dims, int max_dims);
MLDT_API int mldt_net_parameter_get(mldt_net* net, int index, float* values, int64_t count);
MLDT_API int mldt_net_parameter_set(mldt_net* net, int index, const float* values, int64_t count);

// Training on several processes (ProcessGroup.h): every rank makes the same calls in the same order.
typedef struct mldt_group mldt_group;

// Joins the group of world_size processes (rank 0 listens on master_addr:port); waits at most
// timeout_ms for the others here and in every later call. device: -1 for Gloo on the CPU, a CUDA
// index for NCCL.
MLDT_API mldt_group* mldt_group_create(const char* master_addr, int port, int world_size, int rank, int64_t timeout_ms, int device);
MLDT_API void mldt_group_free(mldt_group* group);
// Sums count doubles over every rank, in place.
MLDT_API int mldt_group_sum(mldt_group* group, double* values, int64_t count);
// Every rank's bytes (the same number on each), in rank order, into all (world size × bytes).
MLDT_API int mldt_group_gather(mldt_group* group, const uint8_t* mine, int64_t bytes, uint8_t* all, int64_t all_bytes);
// Sets every parameter and float buffer to rank 0's.
MLDT_API int mldt_net_broadcast(mldt_net* net, mldt_group* group);
// Sets every float buffer (batch-norm running statistics) to its mean over the ranks.
MLDT_API int mldt_net_average_buffers(mldt_net* net, mldt_group* group);
// One data-parallel step: this rank's rows (0 or more) of a batch of total_rows rows over all ranks.
// Each rank's gradients, weighted by rows / total_rows, are summed over the ranks in one all-reduce,
// so every rank takes the step one process would take on the whole batch. stop: this rank asks all
// to stop; stopped: whether any rank did (then no step is taken). loss: the whole batch's mean loss.
MLDT_API int mldt_net_train_shard(mldt_net* net, mldt_group* group, const float* x, int64_t x_count, const float* y, int64_t y_count,
                                  const float* weights, int64_t weights_count, int64_t rows, int64_t total_rows, int64_t target_width,
                                  int stop, float* loss, int* stopped, float* outputs, int64_t outputs_count);
