#include "RecurrentCells.h"

namespace mldt {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

struct LstmCell : torch::autograd::Function<LstmCell> {
  static tensor_list forward(AutogradContext* ctx, const torch::Tensor& gates, const torch::Tensor& c_prev) {
    at::AutoDispatchBelowADInplaceOrView below_autograd;
    const int64_t rows = gates.size(0), units = c_prev.size(1);
    // tanh(x) = 2 sigmoid(2x) - 1: one vectorised sigmoid over all four blocks, the g block doubled first.
    auto acts = gates.clone();
    acts.narrow(1, 2 * units, units).mul_(2);
    acts.sigmoid_();
    auto c = torch::empty({rows, units}, c_prev.options());
    const float* cp = c_prev.data_ptr<float>();
    float* a = acts.data_ptr<float>();
    float* cn = c.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r) {
      float* ar = a + r * 4 * units;
      for (int64_t u = 0; u < units; ++u) {
        float g = 2 * ar[2 * units + u] - 1;
        ar[2 * units + u] = g;
        cn[r * units + u] = ar[units + u] * cp[r * units + u] + ar[u] * g;
      }
    }
    auto tanh_c = torch::tanh(c);
    auto h = acts.narrow(1, 3 * units, units) * tanh_c;
    ctx->save_for_backward({acts, c_prev, tanh_c});
    return {h, c};
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    auto saved = ctx->get_saved_variables();
    const auto &acts = saved[0], &c_prev = saved[1], &tanh_c = saved[2];
    const int64_t rows = acts.size(0), units = c_prev.size(1);
    auto dh = grads[0].defined() ? grads[0].contiguous() : torch::zeros_like(c_prev);
    auto dc_out = grads[1].defined() ? grads[1].contiguous() : torch::zeros_like(c_prev);
    auto d_gates = torch::empty_like(acts);
    auto d_c_prev = torch::empty_like(c_prev);
    const float *a = acts.data_ptr<float>(), *cp = c_prev.data_ptr<float>(), *tc = tanh_c.data_ptr<float>();
    const float *gh = dh.data_ptr<float>(), *gc = dc_out.data_ptr<float>();
    float *dg = d_gates.data_ptr<float>(), *dcp = d_c_prev.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r) {
      const float* ar = a + r * 4 * units;
      float* dr = dg + r * 4 * units;
      for (int64_t u = 0; u < units; ++u) {
        const int64_t k = r * units + u;
        float i = ar[u], f = ar[units + u], g = ar[2 * units + u], o = ar[3 * units + u];
        float dc = gc[k] + gh[k] * o * (1 - tc[k] * tc[k]);
        dr[u] = dc * g * i * (1 - i);
        dr[units + u] = dc * cp[k] * f * (1 - f);
        dr[2 * units + u] = dc * i * (1 - g * g);
        dr[3 * units + u] = gh[k] * tc[k] * o * (1 - o);
        dcp[k] = dc * f;
      }
    }
    return {d_gates, d_c_prev};
  }
};

struct GruCell : torch::autograd::Function<GruCell> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& from_input, const torch::Tensor& from_state, const torch::Tensor& h_prev) {
    at::AutoDispatchBelowADInplaceOrView below_autograd;
    const int64_t rows = h_prev.size(0), units = h_prev.size(1);
    // r and z: one vectorised sigmoid over both blocks; n = tanh(x_n + r h_n) = 2 sigmoid(2 (...)) - 1.
    auto acts = (from_input + from_state).contiguous();
    auto rz = acts.narrow(1, 0, 2 * units);
    rz.sigmoid_();
    const float *xi = from_input.data_ptr<float>(), *hs = from_state.data_ptr<float>();
    float* a = acts.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t u = 0; u < units; ++u) {
        const int64_t row = r * 3 * units;
        a[row + 2 * units + u] = 2 * (xi[row + 2 * units + u] + a[row + u] * hs[row + 2 * units + u]);
      }
    acts.narrow(1, 2 * units, units).sigmoid_();
    auto h = torch::empty_like(h_prev);
    const float* hp = h_prev.data_ptr<float>();
    float* hn = h.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t u = 0; u < units; ++u) {
        const int64_t row = r * 3 * units, k = r * units + u;
        float n = 2 * a[row + 2 * units + u] - 1;
        a[row + 2 * units + u] = n;
        hn[k] = n + a[row + units + u] * (hp[k] - n);
      }
    ctx->save_for_backward({acts, from_state, h_prev});
    return h;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    auto saved = ctx->get_saved_variables();
    const auto &acts = saved[0], &from_state = saved[1], &h_prev = saved[2];
    const int64_t rows = h_prev.size(0), units = h_prev.size(1);
    auto dh = grads[0].contiguous();
    auto d_input = torch::empty_like(acts);
    auto d_state = torch::empty_like(acts);
    auto d_h_prev = torch::empty_like(h_prev);
    const float *a = acts.data_ptr<float>(), *hs = from_state.data_ptr<float>(), *hp = h_prev.data_ptr<float>(), *g = dh.data_ptr<float>();
    float *di = d_input.data_ptr<float>(), *ds = d_state.data_ptr<float>(), *dhp = d_h_prev.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t u = 0; u < units; ++u) {
        const int64_t row = r * 3 * units, k = r * units + u;
        float reset = a[row + u], update = a[row + units + u], n = a[row + 2 * units + u];
        float dn = g[k] * (1 - update) * (1 - n * n);
        float dz = g[k] * (hp[k] - n) * update * (1 - update);
        float dr = dn * hs[row + 2 * units + u] * reset * (1 - reset);
        di[row + u] = ds[row + u] = dr;
        di[row + units + u] = ds[row + units + u] = dz;
        di[row + 2 * units + u] = dn;
        ds[row + 2 * units + u] = dn * reset;
        dhp[k] = g[k] * update;
      }
    return {d_input, d_state, d_h_prev};
  }
};

// Whether the fused nodes can take this tensor: their loops read float data on the CPU.
bool fused(const torch::Tensor& x) { return x.is_cpu() && x.scalar_type() == torch::kFloat; }

}  // namespace

std::vector<torch::Tensor> lstm_cell(const torch::Tensor& gates, const torch::Tensor& c_prev) {
  if (fused(gates)) return LstmCell::apply(gates.contiguous(), c_prev.contiguous());
  auto g = gates.chunk(4, 1);
  auto c = torch::sigmoid(g[1]) * c_prev + torch::sigmoid(g[0]) * torch::tanh(g[2]);
  return {torch::sigmoid(g[3]) * torch::tanh(c), c};
}

torch::Tensor gru_cell(const torch::Tensor& from_input, const torch::Tensor& from_state, const torch::Tensor& h_prev) {
  if (fused(from_input)) return GruCell::apply(from_input.contiguous(), from_state.contiguous(), h_prev.contiguous());
  auto x = from_input.chunk(3, 1), h = from_state.chunk(3, 1);
  auto reset = torch::sigmoid(x[0] + h[0]);
  auto update = torch::sigmoid(x[1] + h[1]);
  auto candidate = torch::tanh(x[2] + reset * h[2]);
  return candidate + update * (h_prev - candidate);
}

}  // namespace mldt
