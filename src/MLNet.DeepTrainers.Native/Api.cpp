#include "Api.h"

#include <torch/torch.h>

#include <dlfcn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "GradientBuckets.h"
#include "Loss.h"
#include "Network.h"
#include "Optimizer.h"
#include "ProcessGroup.h"

namespace {

thread_local std::string last_error;

template <typename F>
int guarded(F&& body) {
  try {
    body();
    return 0;
  } catch (const c10::Error& e) {
    last_error = e.what_without_backtrace();
  } catch (const std::exception& e) {
    last_error = e.what();
  } catch (...) {
    last_error = "unknown native error";
  }
  return -1;
}

}  // namespace

namespace {

int64_t times(int64_t a, int64_t b) {
  int64_t result = 0;
  if (a < 0 || b < 0 || __builtin_mul_overflow(a, b, &result)) throw std::invalid_argument("a buffer size overflows");
  return result;
}

// A buffer the caller passed: it must hold exactly what the declared shapes say.
void expect(const char* what, const void* data, int64_t given, int64_t needed) {
  if (given != needed || (needed > 0 && data == nullptr))
    throw std::invalid_argument(std::string("the ") + what + " buffer holds " + std::to_string(given) + " values (" +
                                (data ? "given" : "null") + "), but the shapes need " + std::to_string(needed));
}

// libtorch allocates every step's activations and gradients afresh (the seeds' convnet's first
// activation is 11 MiB at batch 128). glibc serves blocks that large with mmap and unmaps them on
// free, so each step faulted its memory in again: a sixth of a convnet's step went to the kernel,
// and the step ran 1.4x (MLP) to 2x (convnet) slower than with the memory kept. So once a network
// exists, blocks up to 32 MiB come from the heap and up to 256 MiB of freed heap is kept;
// freeing a network hands what is free back to the system (release_memory).
void keep_freed_memory() {
#if defined(__GLIBC__)
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
  });
#endif
}

void release_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace

struct mldt_net {
  std::shared_ptr<mldt::Network> network;
  std::unique_ptr<mldt::Optimizer> optimizer;
  std::unique_ptr<mldt::Loss> loss;
  std::vector<std::pair<std::string, torch::Tensor>> parameters;
  std::string optimizer_understood, loss_understood;
  double clip_norm = 0, clip_value = 0;
  // Made on the first distributed step; last, so its hooks leave the parameters first.
  std::unique_ptr<mldt::GradientBuckets> buckets;

  torch::Tensor inputs(const float* x, int64_t x_count, int64_t rows) const {
    if (rows <= 0) throw std::invalid_argument("a batch needs at least one row");
    expect("input", x, x_count, times(rows, network->input_size()));
    std::vector<int64_t> shape{rows};
    for (auto d : network->input_shape()) shape.push_back(d);
    return torch::from_blob(const_cast<float*>(x), shape).to(network->device());
  }

  static void copy_out(const torch::Tensor& result, float* out, int64_t out_count) {
    auto cpu = result.detach().to(torch::kCPU).contiguous();
    expect("output", out, out_count, cpu.numel());
    std::memcpy(out, cpu.data_ptr<float>(), sizeof(float) * cpu.numel());
  }

  torch::Tensor rows_of(const float* values, int64_t rows, int64_t width) const {
    return torch::from_blob(const_cast<float*>(values), {rows, width}).to(network->device());
  }

  torch::Tensor mean_loss(const torch::Tensor& outputs, const float* y, int64_t y_count, const float* weights,
                          int64_t weights_count, int64_t rows, int64_t target_width) const {
    if (!loss) throw std::logic_error("set a loss before training or evaluating");
    if (target_width <= 0) throw std::invalid_argument("the target width must be positive");
    expect("target", y, y_count, times(rows, target_width));
    auto per_example = loss->per_example(outputs, rows_of(y, rows, target_width));
    if (weights) {
      expect("weight", weights, weights_count, rows);
      per_example = per_example * rows_of(weights, rows, 1).view({-1});
    }
    return per_example.mean() + network->regularization();
  }

  // The forward pass of one batch in training mode, the gradients zeroed for its backward pass.
  // Returns the mean loss and the raw outputs.
  std::pair<torch::Tensor, torch::Tensor> forward(const float* x, int64_t x_count, const float* y, int64_t y_count, const float* weights,
                                                  int64_t weights_count, int64_t rows, int64_t target_width) {
    if (!optimizer) throw std::logic_error("set an optimizer before training");
    network->set_training(true);
    optimizer->zero_grad();
    auto raw = network->forward(inputs(x, x_count, rows), true);
    return {mean_loss(raw, y, y_count, weights, weights_count, rows, target_width), raw};
  }

  // Keras's clipping (clipnorm each weight's gradient on its own, clipvalue every element), then the
  // optimizer's step and the weights' constraints.
  void step() {
    for (auto& p : network->parameters()) {
      if (!p.grad().defined()) continue;
      if (clip_norm > 0) torch::nn::utils::clip_grad_norm_(p, clip_norm);
      if (clip_value > 0) p.grad().clamp_(-clip_value, clip_value);
    }
    optimizer->step();
    network->apply_constraints();
  }
};

struct mldt_group {
  mldt::ProcessGroup group;
};

MLDT_API const char* mldt_last_error(void) { return last_error.c_str(); }

MLDT_API int mldt_set_num_threads(int threads) {
  return guarded([&] {
    torch::set_num_threads(threads);
    // libtorch parallelises over its own OpenMP pool and calls BLAS from inside it. An OpenBLAS
    // with its own pool of as many threads oversubscribes the cores (on 2 cores, epochs run twice
    // as slow), so BLAS runs on the calling thread. Looked up at run time: other BLAS lack it.
    using SetThreads = void (*)(int);
    if (auto openblas = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) openblas(1);
  });
}

MLDT_API int mldt_get_num_threads(void) { return torch::get_num_threads(); }

MLDT_API int mldt_cuda_device_count(void) { return static_cast<int>(torch::cuda::device_count()); }

MLDT_API mldt_net* mldt_net_create(const char* spec, uint64_t seed, int device) {
  mldt_net* result = nullptr;
  guarded([&] {
    keep_freed_memory();
    auto net = std::make_unique<mldt_net>();
    auto where = device < 0 ? torch::Device(torch::kCPU) : torch::Device(torch::kCUDA, static_cast<int8_t>(device));
    net->network = std::make_shared<mldt::Network>(spec, seed, where);
    net->parameters = net->network->state();
    result = net.release();
  });
  return result;
}

MLDT_API void mldt_net_free(mldt_net* net) {
  delete net;
  release_memory();
}

MLDT_API int mldt_net_set_optimizer(mldt_net* net, const char* spec) {
  return guarded([&] {
    mldt::SpecLine line(spec);
    auto optimizer = mldt::make_optimizer(line, net->network->parameters(), net->network->device());
    double clip_norm = line.real("clipnorm"), clip_value = line.real("clipvalue");
    net->optimizer_understood = line.finish() + "\n";
    net->optimizer = std::move(optimizer);
    net->clip_norm = clip_norm;
    net->clip_value = clip_value;
  });
}

MLDT_API int mldt_net_set_learning_rate(mldt_net* net, double learning_rate) {
  return guarded([&] {
    if (!net->optimizer) throw std::logic_error("set an optimizer before its learning rate");
    net->optimizer->set_learning_rate(learning_rate);
  });
}

MLDT_API int mldt_net_set_loss(mldt_net* net, const char* spec) {
  return guarded([&] {
    mldt::SpecLine line(spec);
    auto loss = std::make_unique<mldt::Loss>(line);
    net->loss_understood = line.finish() + "\n";
    net->loss = std::move(loss);
  });
}

MLDT_API int64_t mldt_net_understood(mldt_net* net, char* text, int64_t capacity) {
  auto all = net->network->understood() + net->optimizer_understood + net->loss_understood;
  auto length = static_cast<int64_t>(all.size());
  if (text && capacity > length) std::memcpy(text, all.c_str(), all.size() + 1);
  return length;
}

MLDT_API int mldt_net_train_batch(mldt_net* net, const float* x, int64_t x_count, const float* y, int64_t y_count,
                                  const float* weights, int64_t weights_count, int64_t rows, int64_t target_width,
                                  float* loss, float* outputs, int64_t outputs_count) {
  return guarded([&] {
    auto [value, raw] = net->forward(x, x_count, y, y_count, weights, weights_count, rows, target_width);
    value.backward();
    net->step();
    *loss = value.item<float>();
    if (outputs) net->copy_out(raw, outputs, outputs_count);
  });
}

MLDT_API int mldt_net_evaluate(mldt_net* net, const float* x, int64_t x_count, const float* y, int64_t y_count,
                               const float* weights, int64_t weights_count, int64_t rows, int64_t target_width,
                               float* loss, float* outputs, int64_t outputs_count) {
  return guarded([&] {
    torch::NoGradGuard no_grad;
    net->network->set_training(false);
    auto raw = net->network->forward(net->inputs(x, x_count, rows), false);
    *loss = net->mean_loss(raw, y, y_count, weights, weights_count, rows, target_width).item<float>();
    if (outputs) net->copy_out(raw, outputs, outputs_count);
  });
}

MLDT_API int mldt_net_predict(mldt_net* net, const float* x, int64_t x_count, int64_t rows, float* out, int64_t out_count) {
  return guarded([&] {
    torch::NoGradGuard no_grad;
    net->network->set_training(false);
    net->copy_out(net->network->predict(net->inputs(x, x_count, rows)), out, out_count);
  });
}

MLDT_API int mldt_net_parameter_count(mldt_net* net) { return static_cast<int>(net->parameters.size()); }

MLDT_API const char* mldt_net_parameter_name(mldt_net* net, int index) {
  if (index < 0 || index >= static_cast<int>(net->parameters.size())) {
    last_error = "parameter index out of range";
    return nullptr;
  }
  return net->parameters[index].first.c_str();
}

MLDT_API int mldt_net_parameter_shape(mldt_net* net, int index, int64_t* dims, int max_dims) {
  int ndim = -1;
  int status = guarded([&] {
    auto& tensor = net->parameters.at(index).second;
    ndim = static_cast<int>(tensor.dim());
    if (ndim > max_dims) throw std::invalid_argument("the parameter has more dimensions than the buffer holds");
    for (int d = 0; d < ndim; ++d) dims[d] = tensor.size(d);
  });
  return status < 0 ? status : ndim;
}

MLDT_API int mldt_net_parameter_get(mldt_net* net, int index, float* values, int64_t count) {
  return guarded([&] {
    auto tensor = net->parameters.at(index).second.detach().to(torch::kCPU).contiguous();
    expect("parameter", values, count, tensor.numel());
    std::memcpy(values, tensor.data_ptr<float>(), sizeof(float) * count);
  });
}

MLDT_API int mldt_net_parameter_set(mldt_net* net, int index, const float* values, int64_t count) {
  return guarded([&] {
    auto& tensor = net->parameters.at(index).second;
    expect("parameter", values, count, tensor.numel());
    torch::NoGradGuard no_grad;
    tensor.copy_(torch::from_blob(const_cast<float*>(values), tensor.sizes()));
  });
}

MLDT_API mldt_group* mldt_group_create(const char* master_addr, int port, int world_size, int rank, int64_t timeout_ms, int device) {
  mldt_group* result = nullptr;
  guarded([&] {
    if (!master_addr || !*master_addr) throw std::invalid_argument("no master address");
    if (timeout_ms <= 0) throw std::invalid_argument("the timeout must be positive");
    result = new mldt_group{mldt::ProcessGroup(master_addr, port, world_size, rank, std::chrono::milliseconds(timeout_ms), device)};
  });
  return result;
}

MLDT_API void mldt_group_free(mldt_group* group) { delete group; }

MLDT_API int mldt_group_sum(mldt_group* group, double* values, int64_t count) {
  return guarded([&] {
    expect("sum", values, count, count);
    auto tensor = torch::from_blob(values, {count}, torch::kDouble);
    group->group.all_reduce_sum(tensor);
  });
}

MLDT_API int mldt_group_gather(mldt_group* group, const uint8_t* mine, int64_t bytes, uint8_t* all, int64_t all_bytes) {
  return guarded([&] {
    expect("gathered", mine, bytes, bytes);
    expect("gather", all, all_bytes, times(bytes, group->group.size()));
    auto gathered = group->group.all_gather(torch::from_blob(const_cast<uint8_t*>(mine), {bytes}, torch::kByte)).contiguous();
    if (all_bytes > 0) std::memcpy(all, gathered.data_ptr<uint8_t>(), static_cast<size_t>(all_bytes));
  });
}

namespace {

// The tensors as one flat buffer on their device (the collectives' unit: one call, not one per tensor).
torch::Tensor flatten(const std::vector<torch::Tensor>& tensors) {
  std::vector<torch::Tensor> flat;
  for (auto& t : tensors) flat.push_back(t.detach().reshape({-1}));
  return torch::cat(flat);
}

void unflatten(const torch::Tensor& flat, std::vector<torch::Tensor>& tensors) {
  torch::NoGradGuard no_grad;
  int64_t at = 0;
  for (auto& t : tensors) {
    t.copy_(flat.narrow(0, at, t.numel()).view_as(t));
    at += t.numel();
  }
}

std::vector<torch::Tensor> float_buffers(mldt::Network& network) {
  std::vector<torch::Tensor> result;
  for (auto& b : network.buffers())
    if (b.is_floating_point()) result.push_back(b);
  return result;
}

}  // namespace

MLDT_API int mldt_net_broadcast(mldt_net* net, mldt_group* group) {
  return guarded([&] {
    auto tensors = net->network->parameters();
    for (auto& b : float_buffers(*net->network)) tensors.push_back(b);
    if (tensors.empty()) return;
    auto flat = flatten(tensors);
    group->group.broadcast_from_first(flat);
    unflatten(flat, tensors);
  });
}

MLDT_API int mldt_net_average_buffers(mldt_net* net, mldt_group* group) {
  return guarded([&] {
    auto buffers = float_buffers(*net->network);
    if (buffers.empty()) return;
    auto flat = flatten(buffers);
    group->group.all_reduce_sum(flat);
    unflatten(flat / group->group.size(), buffers);
  });
}

MLDT_API int mldt_net_train_shard(mldt_net* net, mldt_group* group, const float* x, int64_t x_count, const float* y, int64_t y_count,
                                  const float* weights, int64_t weights_count, int64_t rows, int64_t total_rows, int64_t target_width,
                                  int stop, float* loss, int* stopped, float* outputs, int64_t outputs_count) {
  return guarded([&] {
    if (!net->optimizer) throw std::logic_error("set an optimizer before training");
    if (rows < 0 || total_rows <= 0 || rows > total_rows)
      throw std::invalid_argument("a rank's " + std::to_string(rows) + " rows are not part of a batch of " + std::to_string(total_rows));
    if (!net->buckets || &net->buckets->group() != &group->group) {
      std::vector<torch::Tensor> trained;
      for (auto& p : net->network->parameters())
        if (p.requires_grad()) trained.push_back(p);
      net->buckets = std::make_unique<mldt::GradientBuckets>(trained, group->group);
    }
    // Each rank's gradients are of its rows' mean loss times its share of the step's rows, so their
    // sum is the gradient of the whole step's mean loss; the buckets sum them during backward.
    double scale = static_cast<double>(rows) / total_rows;
    torch::Tensor value, raw;
    if (rows > 0) {
      std::tie(value, raw) = net->forward(x, x_count, y, y_count, weights, weights_count, rows, target_width);
      net->buckets->begin(value.item<float>() * static_cast<float>(scale), stop != 0);
      (value * scale).backward();
    } else {
      net->network->set_training(true);
      net->optimizer->zero_grad();
      net->buckets->begin(0, stop != 0);
    }
    auto [sum, any_stop] = net->buckets->finish();
    *loss = sum;
    *stopped = any_stop ? 1 : 0;
    if (any_stop) return;
    net->step();
    if (outputs && rows > 0) net->copy_out(raw, outputs, outputs_count);
  });
}
