// Parameter values given for a run: `--parameter KEY=VALUE` (every stack that declares KEY),
// `--parameter STACK.KEY=VALUE` (one stack), and parameter files, optionally for one stack,
// in the two shapes people keep them in: `aws cloudformation create-stack --parameters`
// ([{"ParameterKey": .., "ParameterValue": ..}]) and CodePipeline template configuration
// ({"Parameters": {..}, "Tags": {..}}).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "predeploy/cfn/document.h"
#include "util/error.h"

namespace fd::predeploy::cfn {

// "STACK=REST" as {STACK, REST}, else {"", argument}: how template and parameter-file arguments
// name their stack. A stack name is ASCII letters, digits and hyphens, so "dir/a=b.yml" names
// no stack.
std::pair<std::string, std::string> SplitStackPrefix(std::string_view argument);

class ParameterValues {
 public:
  // "KEY=VALUE" or "STACK.KEY=VALUE". Parameter names are alphanumeric in CloudFormation, so
  // the first '.' before the '=' can only separate a stack name.
  Expected<void> AddArgument(std::string_view argument);
  // A parameter file for every stack (`stack` empty) or for one.
  Expected<void> AddFile(const std::string& path, const std::string& stack = "");
  // `--parameters` as the command line writes it: "FILE" or "STACK=FILE".
  Expected<void> AddFileArgument(std::string_view argument);
  // The same, from text already read (`file` names it in errors).
  Expected<void> AddFileText(std::string_view text, const std::string& file,
                             const std::string& stack = "");

  // The value given for `key` in `stack`, or nullptr. An argument wins over a file, and what
  // names the stack wins over what is given for every stack.
  const std::string* Find(const std::string& stack, const std::string& key) const;

  // The value `stack` was last deployed with (`describe-stacks` in a snapshot), which `aws
  // cloudformation deploy` keeps for a parameter the update does not give: taken after the
  // arguments and files, before the template's Default.
  void AddDeployed(const std::string& stack, const std::string& key, std::string value);
  const std::string* FindDeployed(const std::string& stack, const std::string& key) const;

 private:
  using Values = std::unordered_map<std::string, std::string>;
  struct Layer {
    Values all;
    std::unordered_map<std::string, Values> by_stack;
    const std::string* Find(const std::string& stack, const std::string& key) const;
  };
  Expected<void> AddDocument(const Document& doc, const std::string& stack);

  Layer arguments_;
  Layer files_;
  Layer deployed_;  // by stack only: a deployed value is one stack's
};

}  // namespace fd::predeploy::cfn
