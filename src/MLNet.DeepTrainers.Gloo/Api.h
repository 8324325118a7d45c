// The C ABI that src/MLNet.DeepTrainers/Distributed/GlooNative.cs calls. Every function but
// mldt_gloo_destroy returns 0 on success, or an error code with a message written into error
// (error_size bytes at most, always terminated): 1 an invalid argument, 2 the ranks could not meet,
// 3 a collective failed (a rank exited, froze or timed out), 4 the group failed before. After 2 or 3
// the group cannot be used again: destroy it.
#pragma once

#include <cstddef>
#include <cstdint>

#define MLDT_GLOO_API extern "C" __attribute__((visibility("default")))

struct mldt_gloo_group;

// Joins the group (rank 0 serves the rendezvous at master_port; every rank connects to
// master_address:master_port) and returns once every rank joined, or fails after timeout_ms.
MLDT_GLOO_API int mldt_gloo_create(const char* master_address, int master_port, int world_size, int rank, int64_t timeout_ms,
                                   mldt_gloo_group** group, char* error, size_t error_size);
// Sums values over every rank, in place.
MLDT_GLOO_API int mldt_gloo_allreduce_sum(mldt_gloo_group* group, float* values, int64_t count, char* error, size_t error_size);
// Overwrites values with the root rank's.
MLDT_GLOO_API int mldt_gloo_broadcast(mldt_gloo_group* group, float* values, int64_t count, int root, char* error, size_t error_size);
// Returns once every rank called it.
MLDT_GLOO_API int mldt_gloo_barrier(mldt_gloo_group* group, char* error, size_t error_size);
MLDT_GLOO_API void mldt_gloo_destroy(mldt_gloo_group* group);
