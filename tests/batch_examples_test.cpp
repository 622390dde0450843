// The three batch engines of examples/batch/ (README "Many services, many accounts"): each file
// is parsed as its engine reads it, the command each shard runs is taken out of it with the
// engine's index variable set to I, and that command must parse with the CLI's own `diagnose`
// options, with --shard I/N; the final command must parse as `merge`. So an example cannot
// name a flag the tool does not have, or shard on the wrong variable.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/flags.h"

namespace {

namespace fs = std::filesystem;
using Env = std::map<std::string, std::string>;
using Words = std::vector<std::string>;

fs::path Example(const std::string& name) { return fs::path(FD_SOURCE_DIR) / "examples/batch" / name; }

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The fargate-doctor commands of a shell script, as the shell would split them: quotes
/// removed, $VAR and ${VAR} (and GitHub's ${{ expr }}) replaced from `env`; a command ends at
/// ; & | or a newline. Enough shell for the examples, which keep to this.
std::vector<Words> Commands(std::string script, const Env& env) {
  for (size_t p; (p = script.find("${{")) != std::string::npos;) {
    const size_t e = script.find("}}", p);
    std::string expr = script.substr(p + 3, e - p - 3);
    expr.erase(0, expr.find_first_not_of(' '));
    expr.erase(expr.find_last_not_of(' ') + 1);
    script.replace(p, e + 2 - p, env.count(expr) ? env.at(expr) : "<" + expr + ">");
  }
  std::vector<Words> commands(1);
  std::string word;
  bool in_word = false;
  char quote = 0;
  auto end_word = [&] {
    if (in_word) commands.back().push_back(word);
    word.clear();
    in_word = false;
  };
  for (size_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    if (quote != '\'' && c == '$' && i + 1 < script.size() && (std::isalpha(script[i + 1]) || script[i + 1] == '{' || script[i + 1] == '_')) {
      const bool braced = script[i + 1] == '{';
      size_t b = i + (braced ? 2 : 1), e = b;
      while (e < script.size() && (std::isalnum(script[e]) || script[e] == '_')) ++e;
      const std::string name = script.substr(b, e - b);
      word += env.count(name) ? env.at(name) : "<" + name + ">";
      in_word = true;
      i = braced ? e : e - 1;
    } else if (quote) {
      if (c == quote) quote = 0;
      else word += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      end_word();
    } else if (c == ';' || c == '&' || c == '|' || c == '\n') {
      end_word();
      if (!commands.back().empty()) commands.emplace_back();
    } else {
      word += c;
      in_word = true;
    }
  }
  end_word();
  std::vector<Words> ours;
  for (auto& c : commands)
    if (!c.empty() && c[0] == "fargate-doctor") ours.push_back(std::move(c));
  return ours;
}

/// Parses `words` with the CLI's diagnose and merge options; "" or CLI11's complaint.
std::string Parse(const Words& words, fd::cli::DiagnoseFlags& d, fd::cli::MergeFlags& m) {
  CLI::App app{"test", "fargate-doctor"};
  app.require_subcommand(1, 1);
  fd::cli::AddDiagnoseCommand(app, d);
  fd::cli::AddMergeCommand(app, m);
  std::vector<const char*> argv;
  for (const auto& w : words) argv.push_back(w.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return e.what();
  }
  return "";
}

/// Every shard's command, with `index_var` = I for I in [0, n): a live diagnosis with --shard I/N.
void ExpectShards(const std::string& script, Env env, const std::string& index_var, int n) {
  ASSERT_GT(n, 1);
  for (int i = 0; i < n; ++i) {
    env[index_var] = std::to_string(i);
    const std::vector<Words> commands = Commands(script, env);
    ASSERT_EQ(commands.size(), 1u) << script;
    fd::cli::DiagnoseFlags d;
    fd::cli::MergeFlags m;
    ASSERT_EQ(Parse(commands[0], d, m), "") << script;
    EXPECT_EQ(commands[0][1], "diagnose");
    EXPECT_TRUE(d.live);
    EXPECT_EQ(d.output.format, "json");
    EXPECT_FALSE(d.output.output.empty());
    // A sweep the live run accepts: the shards split its account-Regions.
    EXPECT_EQ(fd::cli::CheckLive(d.aws, d.cluster, !d.services.empty() || !d.tasks.empty()), "");
    EXPECT_TRUE(d.aws.Sweeps(!d.services.empty() || !d.tasks.empty()));
    const fd::Expected<fd::cli::Shard> shard = fd::cli::ParseShard(d.aws.shard_text);
    ASSERT_TRUE(shard.has_value()) << d.aws.shard_text;
    EXPECT_EQ(*shard, (fd::cli::Shard{i, n})) << d.aws.shard_text;
  }
}

void ExpectMerges(const std::string& script, const Env& env) {
  const std::vector<Words> commands = Commands(script, env);
  ASSERT_FALSE(commands.empty()) << script;
  for (const Words& c : commands) {
    fd::cli::DiagnoseFlags d;
    fd::cli::MergeFlags m;
    ASSERT_EQ(Parse(c, d, m), "") << script;
    EXPECT_EQ(c[1], "merge");
    EXPECT_FALSE(m.paths.empty());
    EXPECT_EQ(fd::cli::ValidateMerge(m), "");
  }
}

TEST(BatchExamplesTest, AwsBatchArrayJobShardsOnTheArrayIndex) {
  const auto shard = nlohmann::json::parse(Read(Example("aws-batch-shard.json")));
  Env env;
  for (const auto& e : shard["containerProperties"]["environment"]) env[e["name"]] = e["value"];
  const auto& command = shard["containerProperties"]["command"];
  ASSERT_EQ(command.size(), 3u);
  EXPECT_EQ(command[0], "sh");
  ExpectShards(command[2], env, "AWS_BATCH_JOB_ARRAY_INDEX", std::stoi(env.at("SHARDS")));

  const auto merge = nlohmann::json::parse(Read(Example("aws-batch-merge.json")));
  ExpectMerges(merge["containerProperties"]["command"][2], {});
}

TEST(BatchExamplesTest, KubernetesIndexedJobShardsOnTheCompletionIndex) {
  const std::vector<YAML::Node> docs = YAML::LoadAllFromFile(Example("kubernetes-indexed-job.yaml").string());
  ASSERT_EQ(docs.size(), 2u);
  const YAML::Node& shards = docs[0];
  EXPECT_EQ(shards["spec"]["completionMode"].as<std::string>(), "Indexed");
  const int n = shards["spec"]["completions"].as<int>();
  const YAML::Node container = shards["spec"]["template"]["spec"]["containers"][0];
  Env env;
  for (const auto& e : container["env"]) env[e["name"].as<std::string>()] = e["value"].as<std::string>();
  EXPECT_EQ(env.at("SHARDS"), std::to_string(n)) << "SHARDS must equal completions";
  ExpectShards(container["command"][2].as<std::string>(), env, "JOB_COMPLETION_INDEX", n);

  const YAML::Node merge = docs[1]["spec"]["template"]["spec"]["containers"][0];
  ExpectMerges(merge["command"][2].as<std::string>(), {});
}

TEST(BatchExamplesTest, GitHubActionsMatrixShardsOnTheMatrixValue) {
  const YAML::Node wf = YAML::LoadFile(Example("github-actions-matrix.yml").string());
  const int n = wf["env"]["SHARDS"].as<int>();
  const YAML::Node values = wf["jobs"]["diagnose"]["strategy"]["matrix"]["shard"];
  ASSERT_EQ(static_cast<int>(values.size()), n) << "SHARDS must equal the matrix' length";
  for (int i = 0; i < n; ++i) EXPECT_EQ(values[i].as<int>(), i);
  std::string run;
  for (const auto& step : wf["jobs"]["diagnose"]["steps"])
    if (step["run"]) run += step["run"].as<std::string>() + "\n";
  ExpectShards(run, {{"env.SHARDS", std::to_string(n)}}, "matrix.shard", n);

  EXPECT_EQ(wf["jobs"]["merge"]["needs"].as<std::string>(), "diagnose");
  std::string merge;
  for (const auto& step : wf["jobs"]["merge"]["steps"])
    if (step["run"]) merge += step["run"].as<std::string>() + "\n";
  ExpectMerges(merge, {{"GITHUB_STEP_SUMMARY", "/summary.md"}});
}

TEST(ShardFlagTest, IOfNWithIBelowN) {
  using fd::cli::ParseShard;
  EXPECT_EQ(*ParseShard("0/1"), (fd::cli::Shard{0, 1}));
  EXPECT_EQ(*ParseShard("3/4"), (fd::cli::Shard{3, 4}));
  EXPECT_EQ(ParseShard("4/4").error().message, "--shard 4/4: I must be below N (shards are numbered from 0)");
  EXPECT_EQ(ParseShard("1/0").error().message, "--shard 1/0: N must be at least 1");
  EXPECT_EQ(ParseShard("3").error().message, "--shard 3: must be I/N, e.g. 0/4");
  EXPECT_EQ(ParseShard("-1/4").error().message, "--shard -1/4: I and N must be whole numbers, e.g. 0/4");
  EXPECT_EQ(ParseShard("a/b").error().message, "--shard a/b: I and N must be whole numbers, e.g. 0/4");
  EXPECT_FALSE(ParseShard("/4").has_value());
}

}  // namespace
