// Bad input never crashes: every scenario snapshot, mutated the way real files go wrong
// (fields missing, of the wrong type, truncated), must ingest and diagnose to a report or a
// clean error. Deterministic (fixed seed), so a failure reproduces.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/diagnose.h"
#include "ingest/snapshot.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fd::ingest::InputFile> ReadSnapshot(const fs::path& dir) {
  std::vector<fd::ingest::InputFile> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    files.push_back({e.path().filename().string(), ss.str()});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return files;
}

// Replaces, deletes or retypes one value somewhere in the document.
void Mutate(json& v, std::mt19937& rng, int depth = 0) {
  std::uniform_int_distribution<int> pick(0, 9);
  const json junk[] = {nullptr, 1, "x", json::array(), json::object(), true, -1, "10.0.0.0/33", "::/0"};
  if (v.is_object() && !v.empty()) {
    auto it = v.begin();
    std::advance(it, std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng));
    int r = pick(rng);
    if (r < 3) v.erase(it);
    else if (r < 5 || depth > 6) *it = junk[pick(rng) % 9];
    else Mutate(*it, rng, depth + 1);
  } else if (v.is_array() && !v.empty()) {
    size_t i = std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng);
    int r = pick(rng);
    if (r < 3) v.erase(v.begin() + static_cast<long>(i));
    else if (r < 5 || depth > 6) v[i] = junk[pick(rng) % 9];
    else Mutate(v[i], rng, depth + 1);
  }
}

TEST(RobustnessTest, MutatedSnapshotsNeverCrash) {
  const fs::path root = fs::path(FD_SOURCE_DIR) / "tests" / "scenarios";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (fs::exists(e.path() / "snapshot")) dirs.push_back(e.path() / "snapshot");
  std::sort(dirs.begin(), dirs.end());
  ASSERT_FALSE(dirs.empty());
  std::mt19937 rng(20261128);
  int reports = 0, errors = 0;
  for (int round = 0; round < 150; ++round) {
    auto files = ReadSnapshot(dirs[static_cast<size_t>(round) % dirs.size()]);
    for (auto& f : files) {
      if (rng() % 2) continue;
      json doc = json::parse(f.content, nullptr, false);
      if (doc.is_discarded()) continue;
      for (int k = 0; k < 3; ++k) Mutate(doc, rng);
      f.content = doc.dump();
    }
    if (round % 10 == 0) files.front().content.resize(files.front().content.size() / 2);  // truncated
    auto model = fd::ingest::LoadFiles(files);
    if (!model) {
      ++errors;
      EXPECT_NE(model.error().message.find(files.front().name), std::string::npos) << model.error().message;
      continue;
    }
    auto report = fd::engine::Diagnose(*model, {});
    if (report) ++reports;
    else ++errors;
  }
  EXPECT_EQ(reports + errors, 150);
  EXPECT_GT(reports, 50);  // many mutations leave something to diagnose
  EXPECT_GT(errors, 0);     // the truncated rounds are clean errors
}

}  // namespace
