#include "Api.h"

#include "Group.h"

#include <algorithm>
#include <cstring>

struct mldt_gloo_group {
  mldt::Group group;
};

namespace {

void write_error(const std::string& message, char* error, size_t error_size) {
  if (error == nullptr || error_size == 0) return;
  size_t length = std::min(message.size(), error_size - 1);
  std::memcpy(error, message.data(), length);
  error[length] = '\0';
}

// Runs a call, turning any C++ exception into an error code and message: none may cross the C ABI.
template <typename Call>
int guarded(Call&& call, char* error, size_t error_size) {
  try {
    call();
    return 0;
  } catch (const mldt::GroupError& e) {
    write_error(e.what(), error, error_size);
    return static_cast<int>(e.code);
  } catch (const std::exception& e) {
    write_error(e.what(), error, error_size);
    return static_cast<int>(mldt::ErrorCode::collective_failed);
  }
}

int invalid(const char* message, char* error, size_t error_size) {
  write_error(message, error, error_size);
  return static_cast<int>(mldt::ErrorCode::invalid_argument);
}

}  // namespace

int mldt_gloo_create(const char* master_address, int master_port, int world_size, int rank, int64_t timeout_ms, mldt_gloo_group** group,
                     char* error, size_t error_size) {
  if (master_address == nullptr || group == nullptr) return invalid("no master address or group pointer was given", error, error_size);
  return guarded([&] { *group = new mldt_gloo_group{mldt::Group(master_address, master_port, world_size, rank, std::chrono::milliseconds(timeout_ms))}; },
                 error, error_size);
}

int mldt_gloo_allreduce_sum(mldt_gloo_group* group, float* values, int64_t count, char* error, size_t error_size) {
  if (group == nullptr || (values == nullptr && count > 0) || count < 0) return invalid("no group, or no values for a positive count", error, error_size);
  return guarded([&] { group->group.all_reduce_sum(values, static_cast<size_t>(count)); }, error, error_size);
}

int mldt_gloo_broadcast(mldt_gloo_group* group, float* values, int64_t count, int root, char* error, size_t error_size) {
  if (group == nullptr || (values == nullptr && count > 0) || count < 0) return invalid("no group, or no values for a positive count", error, error_size);
  return guarded([&] { group->group.broadcast(values, static_cast<size_t>(count), root); }, error, error_size);
}

int mldt_gloo_barrier(mldt_gloo_group* group, char* error, size_t error_size) {
  if (group == nullptr) return invalid("no group was given", error, error_size);
  return guarded([&] { group->group.barrier(); }, error, error_size);
}

void mldt_gloo_destroy(mldt_gloo_group* group) { delete group; }
