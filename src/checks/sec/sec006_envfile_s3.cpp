// SEC006: environmentFiles the agent cannot download: not of type s3, a value that is not an S3
// object ARN, a name without the .env extension, or more than 10 files in the task definition.
// The platform-version requirement is TD006's; the execution role's s3:GetObject is IAM006's.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSec006,
    .slug = "envfile-s3",
    .title = "`environmentFiles` cannot be downloaded",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The agent downloads every environment file from S3 before any container starts; "
                 "a value that is not an S3 object ARN, a file without the .env extension, or more "
                 "than 10 files make the download fail and the task stop.",
    .evidence = "task definition containerDefinitions[].environmentFiles[] type and value",
    .remediation = "Reference each file by its object ARN (arn:aws:s3:::bucket/key.env), name the "
                   "files *.env, and keep at most 10 per task definition.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/use-environment-file.html",
};

constexpr size_t kMaxFiles = 10;

/// "" when `value` is an S3 object ARN, else why not.
std::string ArnProblem(const std::string& value) {
  static const char* kPrefixes[] = {"arn:aws:s3:::", "arn:aws-cn:s3:::", "arn:aws-us-gov:s3:::"};
  for (const char* p : kPrefixes) {
    std::string prefix = p;
    if (value.rfind(prefix, 0) != 0) continue;
    std::string rest = value.substr(prefix.size());
    auto slash = rest.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == rest.size())
      return "names a bucket but no object key";
    return "";
  }
  if (value.rfind("s3://", 0) == 0) return "is an s3:// URL, not an object ARN";
  return "is not an S3 object ARN (arn:aws:s3:::bucket/key)";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td) continue;
    size_t count = 0;
    for (const auto& c : td->containers) {
      for (const auto& e : c.environment_files) {
        ++count;
        std::string problem;
        if (!e.type.empty() && e.type != "s3") problem = "has type " + e.type + " (only s3 exists)";
        else if (std::string p = ArnProblem(e.value); !p.empty()) problem = p;
        else {
          auto dot = e.value.rfind('.');
          auto slash = e.value.rfind('/');
          if (dot == std::string::npos || dot < slash || e.value.substr(dot) != ".env")
            problem = "does not end in .env";
        }
        if (problem.empty()) continue;
        auto& f = sink.Report(kInfo, ta.target, e.value,
                              "environment file " + e.value + " of container " + c.name + " " + problem);
        f.evidence.push_back({td::TaskDefinitionResource(*td), "containerDefinitions[" + c.name +
                                                                  "].environmentFiles: " + e.value});
        f.fix = report::Fix::Of(
            "reference an S3 object ARN of a .env file in a new revision",
            {td::NewRevision(ta.target, "environmentFiles[].value = arn:aws:s3:::<bucket>/<key>.env")});
      }
    }
    if (count > kMaxFiles) {
      auto& f = sink.Report(kInfo, ta.target, td::TaskDefinitionResource(*td),
                            td->DisplayName() + " names " + std::to_string(count) +
                                " environment files; at most 10 are allowed");
      f.evidence.push_back({td::TaskDefinitionResource(*td), std::to_string(count) + " environmentFiles entries"});
      f.fix = report::Fix::Of("merge the files into at most 10",
                              {td::NewRevision(ta.target, "at most 10 environmentFiles")});
    }
  }
}

}  // namespace

const CheckDef kSec006{kInfo, &Run};

}  // namespace fd::checks
