// IAM evaluation throughput over the differential corpus (tools/iam-oracle/gen_corpus.py, seed 1),
// to compare with tools/iam-oracle/bench_oracle.js (@cloud-copilot/iam-simulate) on the same
// cases and machine, benchmark for benchmark (see that script's header); bench/README.md and
// README "Speed" say how to run and read them. Not a test.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "testing/iam_corpus.h"

namespace {

namespace fs = std::filesystem;

// Best of the repetitions (run with --benchmark_repetitions=N): what bench_oracle.js reports for
// iam-simulate too; on a shared machine the other engineers' load only ever adds time.
double Min(const std::vector<double>& v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); }

/// The corpus, generated once into the bench build directory (or read from FD_IAM_CORPUS).
const std::vector<nlohmann::json>& Corpus() {
  static const std::vector<nlohmann::json> corpus = [] {
    fs::path path = fs::path(FD_BENCH_DIR) / "iam-oracle/corpus.jsonl";
    if (const char* env = std::getenv("FD_IAM_CORPUS")) path = env;
    if (!fs::exists(path)) {
      fs::create_directories(path.parent_path());
      if (std::system(fd::testing::IamCorpusCommand(FD_SOURCE_DIR, path).c_str()) != 0)
        std::fprintf(stderr, "gen_corpus.py failed\n");
    }
    std::vector<nlohmann::json> rows;
    std::string error;
    if (!fd::testing::ReadJsonLines(path, rows, error)) std::fprintf(stderr, "%s\n", error.c_str());
    return rows;
  }();
  return corpus;
}

// Policies parsed once; each iteration evaluates every case of the corpus once.
void BM_IamCorpusEvaluate(benchmark::State& state) {
  std::vector<fd::testing::IamCase> cases;
  for (const auto& j : Corpus()) cases.push_back(fd::testing::ConvertIamCase(j));
  for (auto _ : state)
    for (const auto& c : cases) {
      auto r = fd::iam::Evaluate(c.request, c.policies);
      benchmark::DoNotOptimize(r);
    }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * cases.size()));
  state.counters["cases"] = static_cast<double>(cases.size());
}
BENCHMARK(BM_IamCorpusEvaluate)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", Min);

// The same, each case evaluated 10 times in a row: after the first, the case's request and
// policies sit in the CPU caches. The gap to BM_IamCorpusEvaluate is memory traffic (one pass
// over the whole corpus does not fit in the caches), not evaluation work; see README "Speed".
void BM_IamCorpusEvaluateHot(benchmark::State& state) {
  std::vector<fd::testing::IamCase> cases;
  for (const auto& j : Corpus()) cases.push_back(fd::testing::ConvertIamCase(j));
  for (auto _ : state)
    for (const auto& c : cases)
      for (int k = 0; k < 10; ++k) {
        auto r = fd::iam::Evaluate(c.request, c.policies);
        benchmark::DoNotOptimize(r);
      }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * cases.size() * 10));
}
BENCHMARK(BM_IamCorpusEvaluateHot)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", Min);

// Parse every policy from JSON text, then evaluate: the counterpart of iam-simulate's
// runSimulation, which loads (and validates) the policies on every call. Includes serialising
// each policy from the corpus's JSON tree, so it overstates our cost slightly.
void BM_IamCorpusParseAndEvaluate(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& j : Corpus()) {
      auto c = fd::testing::ConvertIamCase(j);
      auto r = fd::iam::Evaluate(c.request, c.policies);
      benchmark::DoNotOptimize(r);
    }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Corpus().size()));
}
BENCHMARK(BM_IamCorpusParseAndEvaluate)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", Min);

}  // namespace
