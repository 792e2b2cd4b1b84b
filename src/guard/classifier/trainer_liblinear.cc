// The liblinear side of training, built as the plugin libaigis_liblinear.so so that liblinear and
// libblas are mapped only by the commands that train (trainer.cc loads it).
#include <linear.h>

#include <memory>

#include "guard/classifier/liblinear_plugin.h"

namespace aigis::guard::classifier {
namespace {

void Silent(const char*) {}

Result<std::vector<double>> FitWithLiblinear(const FitProblem& fp) {
  if (fp.rows.size() != fp.attack.size() || fp.rows.empty() || fp.buckets == 0 ||
      fp.buckets > (1u << 30)) {
    return Status::InvalidArgument("train: liblinear: malformed problem");
  }
  const int nfeat = static_cast<int>(fp.buckets);
  std::vector<std::vector<feature_node>> nodes(fp.rows.size());
  std::vector<feature_node*> x;
  std::vector<double> y;
  x.reserve(fp.rows.size());
  y.reserve(fp.rows.size());
  for (size_t i = 0; i < fp.rows.size(); ++i) {
    auto& n = nodes[i];
    n.reserve(fp.rows[i].size() + 2);
    for (const auto& [b, v] : fp.rows[i]) n.push_back({static_cast<int>(b) + 1, v});
    // The bias feature (liblinear's problem.bias convention), unless trained without a bias.
    if (fp.bias) n.push_back({nfeat + 1, 1.0});
    n.push_back({-1, 0});
    x.push_back(n.data());
    y.push_back(fp.attack[i] ? 1 : -1);
  }
  problem prob{};
  prob.l = static_cast<int>(x.size());
  prob.n = nfeat + 1;
  prob.y = y.data();
  prob.x = x.data();
  prob.bias = -1;  // the bias node is already in every row
  int wl[2] = {1, -1};
  double wv[2] = {fp.attack_weight, 1.0};
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = fp.eps;
  param.C = fp.c;
  param.nr_weight = 2;
  param.weight_label = wl;
  param.weight = wv;
  if (const char* err = check_parameter(&prob, &param)) {
    return Status::InvalidArgument(std::string("train: liblinear: ") + err);
  }
  set_print_string_function(&Silent);
  std::unique_ptr<model, void (*)(model*)> lm(train(&prob, &param),
                                              [](model* m) { free_and_destroy_model(&m); });
  if (!lm) return Status::Internal("train: liblinear returned no model");
  // liblinear's w is for its first label; make it the attack direction.
  const double dir = lm->label[0] == 1 ? 1.0 : -1.0;
  std::vector<double> w(fp.buckets + 1);
  for (size_t i = 0; i <= fp.buckets; ++i) w[i] = dir * lm->w[i];
  if (!fp.bias) w[fp.buckets] = 0;
  return w;
}

}  // namespace
}  // namespace aigis::guard::classifier

extern "C" __attribute__((visibility("default"))) const void* aigis_plugin_liblinear() {
  using namespace aigis::guard::classifier;
  static const LiblinearPluginApi api{kLiblinearPluginAbi, sizeof(FitProblem), &FitWithLiblinear};
  return &api;
}
