#pragma once
/// The third-party corpus beside a clone (../shared/corpus: AWS CLI documentation examples,
/// Batfish snapshots, AWS managed policies, the SARIF schema). It is not ours and is never copied
/// into the repository, so a clone alone lacks it: a test that reads it skips, naming what is
/// missing and what is therefore not checked, and never passes as if it had checked.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace fd::testing {

/// FD_SHARED_DIR (set by CMakeLists.txt for ctest) or the folder beside the source tree.
inline std::string SharedDir() {
  const char* env = std::getenv("FD_SHARED_DIR");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string(FD_SOURCE_DIR "/../shared");
}

/// A file or folder of the corpus, `rel` below shared/corpus/.
inline std::string CorpusPath(std::string_view rel) {
  return SharedDir() + "/corpus/" + std::string(rel);
}

inline bool HasCorpus(std::string_view rel) { return std::filesystem::exists(CorpusPath(rel)); }

/// The skip message: which part of the corpus is missing and what goes unchecked.
inline std::string MissingCorpus(std::string_view rel, std::string_view unchecked) {
  return "SKIPPED: ../shared/corpus/" + std::string(rel) +
         " is not beside this clone: " + std::string(unchecked) + " is NOT CHECKED";
}

/// A corpus file's text ("" when absent; callers skip first with FD_SKIP_WITHOUT_CORPUS).
inline std::string ReadCorpus(std::string_view rel) {
  std::ifstream in(CorpusPath(rel), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace fd::testing

/// Skips the current test (or fixture SetUp) when the corpus part `rel` is missing.
#define FD_SKIP_WITHOUT_CORPUS(rel, unchecked)                                  \
  do {                                                                          \
    if (!::fd::testing::HasCorpus(rel))                                         \
      GTEST_SKIP() << ::fd::testing::MissingCorpus((rel), (unchecked));         \
  } while (false)
