#include "cli/catalogue.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "checks/check.h"
#include "cli/docs.h"
#include "cli/usage.h"
#include "util/strings.h"

namespace fd::cli {

using util::Lower;

int RunChecks(const std::string& format_flag, std::ostream& out, std::ostream& err) {
  const std::string format = Lower(format_flag);
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const checks::CheckDef* c : checks::AllChecks()) {
      list.push_back({{"code", ToString(c->info.code)},
                      {"slug", c->info.slug},
                      {"severity", report::ToString(c->info.severity)},
                      {"group", checks::ToString(c->info.group)},
                      {"title", c->info.title}});
    }
    out << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return kExitOk;
  }
  if (format != "text")
    return Fail(err, fmt::format("--format must be text or json, not '{}'", format_flag));
  size_t w[4] = {0, 0, 0, 0};
  for (const checks::CheckDef* c : checks::AllChecks()) {
    w[0] = std::max(w[0], ToString(c->info.code).size());
    w[1] = std::max(w[1], c->info.slug.size());
    w[2] = std::max(w[2], report::ToString(c->info.severity).size());
    w[3] = std::max(w[3], checks::ToString(c->info.group).size());
  }
  for (const checks::CheckDef* c : checks::AllChecks()) {
    out << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", ToString(c->info.code), w[0], c->info.slug,
                       w[1], report::ToString(c->info.severity), w[2],
                       checks::ToString(c->info.group), w[3], c->info.title);
  }
  return kExitOk;
}

namespace {

/// Wraps a paragraph to `width` columns with a two-space indent.
std::string Paragraph(std::string_view text, int width) {
  if (text.empty()) return "  (none)\n";
  std::string out, line = "  ";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of(" \n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (line.size() > 2 && static_cast<int>(line.size() + 1 + word.size()) > width) {
      out += line + "\n";
      line = "  ";
    }
    if (line.size() > 2) line += ' ';
    line += word;
  }
  return out + line + "\n";
}

}  // namespace

int RunExplain(const std::string& code, const Terminal& terminal, std::ostream& out,
               std::ostream& err) {
  const checks::CheckDef* c = checks::FindCheck(code);
  if (c == nullptr)
    return Fail(err, fmt::format("unknown check '{}' (see `fargate-doctor checks`)", code));
  const checks::CheckInfo& i = c->info;
  const int width = terminal.stdout_is_tty ? terminal.width : 100;
  std::string text = fmt::format("{} {}: {}\n\nseverity: {}\ngroup:    {}\n", ToString(i.code), i.slug,
                                 i.title, report::ToString(i.severity), checks::ToString(i.group));
  text += "\nrationale:\n" + Paragraph(i.rationale, width);
  text += "\nevidence used:\n" + Paragraph(i.evidence, width);
  text += "\nremediation:\n" + Paragraph(i.remediation, width);
  text += "\nreferences:\n";
  std::vector<std::string> refs = Items({std::string(i.references)});
  if (refs.empty()) text += "  (none)\n";
  for (const auto& chunk : refs) {
    size_t pos = 0;
    while (pos < chunk.size()) {
      size_t end = chunk.find(' ', pos);
      if (end == std::string::npos) end = chunk.size();
      if (end > pos) text += "  " + chunk.substr(pos, end - pos) + "\n";
      pos = end + 1;
    }
  }
  out << text;
  return kExitOk;
}

int RunDocs(const std::string& write_dir, const std::string& check_dir, bool man,
            const CLI::App& app, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  if (static_cast<int>(!write_dir.empty()) + static_cast<int>(!check_dir.empty()) +
          static_cast<int>(man) != 1) {
    return Fail(err, "docs needs exactly one of --write DIR, --check DIR or --man");
  }
  if (man) {
    out << ManPage(app);
    return kExitOk;
  }
  const std::map<std::string, std::string> files = CheckDocs();
  std::error_code ec;
  if (!write_dir.empty()) {
    fs::create_directories(write_dir, ec);
    if (ec) return Fail(err, fmt::format("cannot create {}: {}", write_dir, ec.message()));
    // Pages of checks that no longer exist are removed, so the folder mirrors the registry.
    for (const auto& entry : fs::directory_iterator(write_dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".md" && !files.contains(name)) fs::remove(entry.path(), ec);
    }
    for (const auto& [name, text] : files) {
      std::ofstream file(fs::path(write_dir) / name, std::ios::binary | std::ios::trunc);
      if (file) file << text;
      if (!file) return Fail(err, fmt::format("cannot write {}/{}", write_dir, name));
    }
    out << fmt::format("wrote {} files to {}\n", files.size(), write_dir);
    return kExitOk;
  }
  if (!fs::is_directory(check_dir, ec))
    return Fail(err, fmt::format("docs --check: {} is not a folder", check_dir));
  std::vector<std::string> stale;
  for (const auto& [name, text] : files) {
    std::ifstream in(fs::path(check_dir) / name, std::ios::binary);
    std::string have((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.is_open() || have != text) stale.push_back(name);
  }
  for (const auto& entry : fs::directory_iterator(check_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".md" && !files.contains(name))
      stale.push_back(name + " (no such check)");
  }
  if (stale.empty()) return kExitOk;
  err << fmt::format(
      "fargate-doctor: docs in {} are stale: {}; regenerate with `fargate-doctor docs --write "
      "{}`\n",
      check_dir, fmt::join(stale, ", "), check_dir);
  return kExitFindings;
}

}  // namespace fd::cli
