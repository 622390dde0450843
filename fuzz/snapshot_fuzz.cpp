// libFuzzer target: one file of a base scenario's snapshot replaced by the input (its first
// byte picks which file; 255 adds the input as one more file), then ingest, diagnosis of every
// target and every report format. Whatever the file holds, the tool must answer or refuse it,
// never crash or hang. The scenario is FD_FUZZ_SCENARIO (default base-endpoints, whose image is
// pulled through VPC endpoints, so endpoint, IAM and tracer code all run).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/targets.h"
#include "engine/diagnose.h"
#include "ingest/snapshot.h"
#include "writers/html_writer.h"
#include "writers/json_writer.h"
#include "writers/markdown_writer.h"
#include "writers/sarif_writer.h"
#include "writers/text_writer.h"

namespace {

std::vector<fd::ingest::InputFile> LoadBase() {
  namespace fs = std::filesystem;
  const char* name = std::getenv("FD_FUZZ_SCENARIO");
  const fs::path dir = fs::path(FD_SOURCE_DIR) / "tests/scenarios" /
                       (name && *name ? name : "base-endpoints") / "snapshot";
  std::vector<fd::ingest::InputFile> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({fs::relative(e.path(), dir).generic_string(), text.str()});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  if (files.empty()) std::abort();
  return files;
}

}  // namespace

namespace fd::fuzz {

int Snapshot(const std::uint8_t* data, std::size_t size) {
  static const std::vector<fd::ingest::InputFile> base = LoadBase();
  if (size == 0) return 0;
  std::vector<fd::ingest::InputFile> files = base;
  std::string content(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 255) files.push_back({"extra/fuzz.json", std::move(content)});
  else files[data[0] % files.size()].content = std::move(content);

  auto model = fd::ingest::LoadFiles(files);
  if (!model) return 0;  // refused with a message: what invalid input must get
  auto rep = fd::engine::Diagnose(*model, {});
  if (!rep) return 0;
  fd::writers::RenderJson(*rep);
  fd::writers::RenderSarif(*rep);
  fd::writers::RenderMarkdown(*rep);
  fd::writers::RenderHtml(*rep);
  fd::writers::TextOptions verbose;
  verbose.detail = fd::writers::TextOptions::Detail::kVerbose;
  fd::writers::RenderText(*rep, verbose);
  return 0;
}

}  // namespace fd::fuzz

FD_FUZZ_ENTRY(fd::fuzz::Snapshot)
