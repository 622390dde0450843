// A CDK cloud assembly (`cdk synth`'s cdk.out): its manifest.json names the stacks, their
// template files, environments and dependencies, and the construct path of each logical ID,
// which messages print so a finding names the construct a CDK user wrote.
#pragma once

#include <string>
#include <vector>

#include "predeploy/cfn/document.h"
#include "predeploy/cfn/stacks.h"
#include "predeploy/cfn/template.h"
#include "util/error.h"

namespace fd::predeploy::cfn {

// True when `path` is a folder holding manifest.json, or a manifest.json itself.
bool IsCloudAssembly(const std::string& path);

struct Assembly {
  // One input per `aws:cloudformation:stack` artifact whose template is there, with its
  // environment where the assembly fixes it (not unknown-account / unknown-region), its
  // dependencies on other stacks, and its construct paths.
  std::vector<TemplateInput> stacks;
  std::vector<Note> notes;  // stacks whose template file is missing, nested assemblies too deep
};

// Reads the manifest of the assembly at `path` (a folder, or its manifest.json), and those of
// nested assemblies (CDK stages).
Expected<Assembly> ReadCloudAssembly(const std::string& path, const Limits& limits = {});

}  // namespace fd::predeploy::cfn
