// SARIF and Markdown reports: every scenario's SARIF validates against the official SARIF 2.1.0
// schema (python3 jsonschema; skipped loudly when it is missing), rules come from the registry,
// results point at their rules, and the Markdown comment escapes what would break a table.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "checks/check.h"
#include "testing/shared_corpus.h"
#include "testing/shell.h"
#include "writers/markdown_writer.h"
#include "writers/sarif_writer.h"

namespace fd::writers {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using testing::DiagnoseScenarioCommand;
using testing::Quote;
using testing::ScenarioSnapshots;
using testing::Shell;

TEST(SarifTest, EveryScenarioValidatesAgainstTheSarifSchema) {
  FD_SKIP_WITHOUT_CORPUS("schemas/sarif-schema-2.1.0.json", "SARIF against its schema");
  const fs::path schema = fd::testing::CorpusPath("schemas/sarif-schema-2.1.0.json");
  if (Shell("python3 -c 'import jsonschema' 2>&1") != 0)
    GTEST_SKIP() << "SARIF NOT VALIDATED: python3 with the jsonschema module is missing "
                    "(pip install jsonschema or apt-get install python3-jsonschema)";

  const fs::path dir = fs::temp_directory_path() / ("fd-sarif-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<std::string> files;
  for (const fs::path& snap : ScenarioSnapshots()) {
    const std::string name = snap.parent_path().filename().string();
    const fs::path file = dir / (name + ".sarif");
    Shell(DiagnoseScenarioCommand(snap, "--format sarif --output " + Quote(file.string()) + " 2>/dev/null"));
    ASSERT_TRUE(fs::exists(file)) << name << ": no SARIF written";
    files.push_back(file.string());
  }
  const fs::path demo = dir / "demo.sarif";
  Shell(Quote(FD_BINARY) + " demo --format sarif --output " + Quote(demo.string()) + " 2>/dev/null");
  files.push_back(demo.string());
  ASSERT_GE(files.size(), 5u);

  const fs::path script = dir / "validate.py";
  std::ofstream(script) << "import json, sys, jsonschema\n"
                           "schema = json.load(open(sys.argv[1]))\n"
                           "v = jsonschema.Draft4Validator(schema)\n"
                           "bad = 0\n"
                           "for f in sys.argv[2:]:\n"
                           "    for e in v.iter_errors(json.load(open(f))):\n"
                           "        bad += 1\n"
                           "        print(f, '/'.join(map(str, e.absolute_path)), e.message[:300])\n"
                           "sys.exit(1 if bad else 0)\n";
  std::string command = "python3 " + Quote(script.string()) + " " + Quote(schema.string());
  for (const auto& f : files) command += " " + Quote(f);
  std::string out;
  const int rc = Shell(command + " 2>&1", &out);
  EXPECT_EQ(rc, 0) << out;
  fs::remove_all(dir);
}

report::Report SampleReport() {
  report::Report r;
  r.verdict = report::Verdict::kBlocked;
  report::Target t;
  t.kind = "service";
  t.name = "api";
  t.arn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";
  t.verdict = report::Verdict::kBlocked;
  t.dependencies.push_back({"ecr.api", "image x", "subnet-1", false, "",
                            report::Trace{{"eni (task)", "sg-1", "security-group egress",
                                           report::StepAction::kDenied, "no rule | none"}}});
  r.targets.push_back(t);
  report::Finding f;
  f.code = std::string(ToString(checks::AllChecks().front()->info.code));
  f.slug = "some-slug";
  f.target = t.arn;
  f.resource = "sg-1";
  f.message = "sg-1 | denies 443";
  f.evidence = {{"sg-1", "no egress <rule>"}};
  f.fix = {"add a rule", {"aws ec2 authorize-security-group-egress --group-id sg-1"}};
  f.paths = {{"ecr.api", "subnet-1"}};
  r.findings.push_back(f);
  r.unchecked.push_back({"FW006", "no network ACL data"});
  r.input_notes.push_back({"ec2/x.json", "/RouteTables/0", "duplicate"});
  return r;
}

TEST(SarifTest, RulesComeFromTheRegistryAndResultsPointAtThem) {
  const json doc = json::parse(RenderSarif(SampleReport()));
  const json& run = doc["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), checks::AllChecks().size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const checks::CheckInfo& c = checks::AllChecks()[i]->info;
    EXPECT_EQ(rules[i]["id"], std::string(ToString(c.code)));
    EXPECT_EQ(rules[i]["name"], c.slug);
    EXPECT_EQ(rules[i]["shortDescription"]["text"], c.title);
  }
  const json& res = run["results"][0];
  EXPECT_EQ(rules[res["ruleIndex"].get<size_t>()]["id"], res["ruleId"]);
  EXPECT_EQ(res["level"], "error");
  EXPECT_EQ(res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "sg-1");
  EXPECT_EQ(res["relatedLocations"][0]["message"]["text"], "no egress <rule>");
  EXPECT_EQ(res["codeFlows"][0]["threadFlows"][0]["locations"].size(), 1u);
  EXPECT_EQ(res["properties"]["fix"]["commands"][0],
            "aws ec2 authorize-security-group-egress --group-id sg-1");
  EXPECT_EQ(res["partialFingerprints"]["fargateDoctor/v1"].get<std::string>().size(), 16u);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"].size(), 2u);
}

TEST(SarifTest, FingerprintIgnoresMessageAndEvidence) {
  report::Finding a = SampleReport().findings[0];
  report::Finding b = a;
  b.message = "another wording";
  b.evidence.clear();
  EXPECT_EQ(SarifFingerprint(a), SarifFingerprint(b));
  b.resource = "sg-2";
  EXPECT_NE(SarifFingerprint(a), SarifFingerprint(b));
}

TEST(MarkdownTest, TableEscapesPipesAndDrawsTraceAndFix) {
  const std::string md = RenderMarkdown(SampleReport());
  EXPECT_EQ(md, RenderMarkdown(SampleReport()));  // deterministic
  EXPECT_NE(md.find("## fargate-doctor: BLOCKED"), std::string::npos) << md;
  EXPECT_NE(md.find("### service `api`: BLOCKED"), std::string::npos) << md;
  EXPECT_NE(md.find("| sg-1 \\| denies 443 |"), std::string::npos) << md;
  EXPECT_NE(md.find("```sh\naws ec2 authorize-security-group-egress --group-id sg-1\n```"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("<details>\n<summary>ecr.api from subnet-1: blocked"), std::string::npos)
      << md;
  EXPECT_NE(md.find("no rule \\| none"), std::string::npos) << md;
  EXPECT_NE(md.find("no egress &lt;rule&gt;"), std::string::npos) << md;
  EXPECT_NE(md.find("| FW006 | no network ACL data |"), std::string::npos) << md;
}

/// A finding of a template: its resource declared at line 42, column 3 of templates/vpc.yaml.
report::Report DeclaredReport() {
  report::Report r = SampleReport();
  r.findings[0].location = report::SourceLocation{"templates/vpc.yaml", 42, 3, "TaskSecurityGroup", "network"};
  return r;
}

TEST(SarifTest, ADeclaredResourcePointsAtTheLineThatDeclaresIt) {
  const json res = json::parse(RenderSarif(DeclaredReport()))["runs"][0]["results"][0];
  const json& physical = res["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "templates/vpc.yaml");
  EXPECT_EQ(physical["region"]["startLine"], 42);
  EXPECT_EQ(physical["region"]["startColumn"], 3);
  EXPECT_EQ(res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "network/TaskSecurityGroup");
  EXPECT_EQ(res["locations"][0]["logicalLocations"][0]["kind"], "declaration");
  EXPECT_EQ(res["locations"][0]["logicalLocations"][1]["fullyQualifiedName"], "sg-1");
  // A snapshot finding keeps the pseudo artifact.
  const json plain = json::parse(RenderSarif(SampleReport()))["runs"][0]["results"][0];
  EXPECT_EQ(plain["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], std::string(kSarifArtifactUri));
}

TEST(MarkdownTest, ADeclaredResourceNamesItsFileAndLine) {
  EXPECT_NE(RenderMarkdown(DeclaredReport()).find("Declared at `templates/vpc.yaml:42:3 (network TaskSecurityGroup)`"),
            std::string::npos);
  EXPECT_EQ(RenderMarkdown(SampleReport()).find("Declared at"), std::string::npos);
}

}  // namespace
}  // namespace fd::writers
