#include "cli/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/usage.h"
#include "merge/merge.h"
#include "merge/read.h"
#include "writers/sarif_writer.h"

namespace fd::cli {
namespace {

using merge::Loaded;

Expected<Loaded> Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return MakeError(ErrorCode::kIo, fmt::format("cannot read {}", path));
  return merge::ReadReport(text.str(), path);
}

/// SARIF inputs and output: JSON reports among the inputs become SARIF first (without code
/// flows: a JSON report does not say which paths a finding breaks).
int MergeIntoSarif(std::vector<Loaded>& inputs, MergeFlags& m, std::ostream& out, std::ostream& err) {
  for (Loaded& in : inputs)
    if (in.kind == Loaded::Kind::kReport) {
      in.sarif = nlohmann::json::parse(writers::RenderSarif(std::move(in.report)));
      in.kind = Loaded::Kind::kSarif;
    }
  report::Report facts;
  const nlohmann::json log = merge::MergeSarif(inputs, facts);
  const int rc = ExitCodeFor(facts, m.output.fail_on);
  const std::string text = log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  size_t bytes = 0;
  auto write = [&](std::ostream& os) -> size_t {
    os << text;
    return text.size();
  };
  if (int e = Emit(m.output, out, err, write, bytes); e != kExitOk) return e;
  return rc;
}

}  // namespace

int RunMerge(MergeFlags& m, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  if (std::string e = ValidateMerge(m); !e.empty()) return Fail(err, e);
  std::vector<Loaded> inputs;
  inputs.reserve(m.paths.size());
  for (const std::string& path : m.paths) {
    Expected<Loaded> loaded = Load(path);
    if (!loaded) return Fail(err, loaded.error().message);
    inputs.push_back(std::move(*loaded));
  }
  auto sarif = [](const Loaded& l) { return l.kind == Loaded::Kind::kSarif; };
  std::string& format = m.output.format;
  if (format.empty()) format = std::all_of(inputs.begin(), inputs.end(), sarif) ? "sarif" : "json";
  if (format == "sarif") return MergeIntoSarif(inputs, m, out, err);
  if (auto it = std::find_if(inputs.begin(), inputs.end(), sarif); it != inputs.end())
    return Fail(err, fmt::format("{} is a SARIF log: SARIF logs merge into SARIF only (--format sarif); "
                                 "merge the JSON reports for {}",
                                 it->file, format));
  return PrintReport(merge::MergeReports(inputs), m.output, terminal, out, err);
}

}  // namespace fd::cli
