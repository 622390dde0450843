#pragma once
/// The fuzz targets, as plain functions: `make fuzz` links each into a libFuzzer binary
/// (fuzz/<name>.cpp defines LLVMFuzzerTestOneInput when FD_LIBFUZZER is set), and `make test`
/// replays every reproducer under tests/fuzz-regressions/<name>/ through the same function
/// (tests/fuzz_regressions_test.cpp), so a crash found once stays fixed.
#include <cstddef>
#include <cstdint>
#include <span>

namespace fd::fuzz {

using TargetFn = int (*)(const std::uint8_t* data, std::size_t size);

struct Target {
  const char* name;  ///< the file name under fuzz/ and the folder under tests/fuzz-regressions/
  TargetFn run;
};

int JsonDoc(const std::uint8_t* data, std::size_t size);
int Snapshot(const std::uint8_t* data, std::size_t size);
int IamPolicy(const std::uint8_t* data, std::size_t size);
int PolicySimulateArgs(const std::uint8_t* data, std::size_t size);
int TfPlan(const std::uint8_t* data, std::size_t size);
int CfnTemplate(const std::uint8_t* data, std::size_t size);
int ReportReader(const std::uint8_t* data, std::size_t size);

inline std::span<const Target> Targets() {
  static constexpr Target kTargets[] = {
      {"json_doc_fuzz", &JsonDoc},
      {"snapshot_fuzz", &Snapshot},
      {"iam_policy_fuzz", &IamPolicy},
      {"policy_simulate_args_fuzz", &PolicySimulateArgs},
      {"tf_plan_fuzz", &TfPlan},
      {"cfn_template_fuzz", &CfnTemplate},
      {"report_reader_fuzz", &ReportReader},
  };
  return kTargets;
}

}  // namespace fd::fuzz

/// Defines libFuzzer's entry point in a fuzzing build only.
#ifdef FD_LIBFUZZER
#define FD_FUZZ_ENTRY(fn)                                                        \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
    return fn(data, size);                                                       \
  }
#else
#define FD_FUZZ_ENTRY(fn)
#endif
