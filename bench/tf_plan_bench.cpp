// The Terraform plan reader on a generated 5,000-resource plan (bench/predeploy/gen_plan.py):
// the positioned parse alone, the whole ReadPlan, and, for the choice of parser written down in
// docs/design/predeploy-terraform.md, yaml-cpp loading the same text (JSON is YAML, and yaml-cpp
// gives every node a mark). Issue 14's budget is well under 1 s for the whole read.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "predeploy/tf/plan.h"
#include "predeploy/tf/pos_json.h"

namespace {

// The plan text, generated once into the bench build folder.
const std::string& PlanText() {
  static const std::string text = [] {
    const std::string path = std::string(FD_BENCH_DIR) + "/plan-5000.json";
    if (!std::filesystem::exists(path)) {
      const std::string cmd =
          "python3 " FD_SOURCE_DIR "/bench/predeploy/gen_plan.py 5000 > " + path;
      if (std::system(cmd.c_str()) != 0) std::abort();
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  return text;
}

void BM_PosJsonParse(benchmark::State& state) {
  const std::string& text = PlanText();
  for (auto _ : state) {
    auto doc = fd::predeploy::tf::PosJson::Parse(text, "plan.json");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_PosJsonParse)->Unit(benchmark::kMillisecond);

void BM_ReadPlan(benchmark::State& state) {
  const std::string& text = PlanText();
  std::size_t resources = 0;
  for (auto _ : state) {
    auto plan = fd::predeploy::tf::ReadPlan(text, "plan.json");
    resources = plan ? plan->resources.size() : 0;
    benchmark::DoNotOptimize(plan);
  }
  state.counters["resources"] = static_cast<double>(resources);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadPlan)->Unit(benchmark::kMillisecond);

void BM_YamlCppLoad(benchmark::State& state) {
  const std::string& text = PlanText();
  for (auto _ : state) {
    YAML::Node doc = YAML::Load(text);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_YamlCppLoad)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
