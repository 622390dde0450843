// libFuzzer target: the CloudFormation front end (predeploy/cfn) on one template's text. Any
// input must end in a template or an error, never a crash, a hang or an explosion of memory:
// YAML aliases, nesting, reference cycles and huge Fn::Cidr/Fn::Split results are all bounded.
// Nested stack files are looked up beside a path that does not exist, so they become notes.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/targets.h"
#include "predeploy/cfn/stacks.h"

namespace fd::fuzz {

int CfnTemplate(const std::uint8_t* data, std::size_t size) {
  predeploy::cfn::TemplateInput in;
  in.stack = "fuzz";
  in.path = "/nonexistent/fd-fuzz/template.yml";
  in.text = std::string(reinterpret_cast<const char*>(data), size);
  predeploy::cfn::Options options;
  // A known Region on odd sizes, so both ways of pseudo parameters are reached.
  if (size % 2 == 1) options.region = "us-east-1";
  auto t = predeploy::cfn::ReadTemplates({in}, options);
  (void)t;
  return 0;
}

}  // namespace fd::fuzz

FD_FUZZ_ENTRY(fd::fuzz::CfnTemplate)
