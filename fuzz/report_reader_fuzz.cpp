// libFuzzer target: the reader of `fargate-doctor merge` (merge/read.h), which takes files other
// runs wrote and so anything a disk or a pipe can hold. Whatever the input, it must be read or
// refused with a message naming the file, never crash; a report it reads must read again once
// written, and a SARIF log it accepts must merge.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/targets.h"
#include "merge/merge.h"
#include "merge/read.h"
#include "writers/json_writer.h"

namespace fd::fuzz {

int ReportReader(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Expected<merge::Loaded> loaded = merge::ReadReport(text, "fuzz.json");
  if (!loaded) {
    if (loaded.error().message.rfind("fuzz.json: ", 0) != 0) std::abort();
    return 0;
  }
  std::vector<merge::Loaded> inputs;
  inputs.push_back(std::move(*loaded));
  if (inputs[0].kind == merge::Loaded::Kind::kSarif) {
    report::Report facts;
    (void)merge::MergeSarif(inputs, facts).dump();
    return 0;
  }
  const std::string once = writers::RenderJson(inputs[0].report);
  Expected<merge::Loaded> again = merge::ReadReport(once, "again.json");
  if (!again) std::abort();
  (void)writers::RenderJson(merge::MergeReports(inputs));
  return 0;
}

}  // namespace fd::fuzz

FD_FUZZ_ENTRY(fd::fuzz::ReportReader)
