// The registry against the catalogue (checks.md is the single source of codes, slugs, titles
// and default severities) and the selection rules (Ruff semantics: code prefixes or slugs,
// ALL, an ignore beats a select that is not more specific).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "checks/check.h"

namespace fd::checks {
namespace {

struct SpecRow {
  std::string slug;
  std::string title;
  std::string severity;
  std::string group;
};

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string Unquote(std::string s) {
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') return s.substr(1, s.size() - 2);
  return s;
}

// The table rows of checks.md: | code | `slug` | title | severity | group |
std::map<std::string, SpecRow> ReadSpec() {
  std::map<std::string, SpecRow> rows;
  std::ifstream in(FD_SOURCE_DIR "/../shared/spec/checks.md");
  EXPECT_TRUE(in.good()) << "cannot read " FD_SOURCE_DIR "/../shared/spec/checks.md";
  static const std::regex kCode(R"(^[A-Z]+[0-9]{3}$)");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) cells.push_back(Trim(cell));
    if (cells.size() < 5 || !std::regex_match(cells[0], kCode)) continue;
    rows[cells[0]] = {Unquote(cells[1]), cells[2], cells[3], cells[4]};
  }
  return rows;
}

// The same title as plain text: without Markdown code spans, with an ASCII arrow, without a
// trailing period (TD011's row has one).
std::string PlainTitle(std::string s) {
  std::string out;
  for (char c : s)
    if (c != '`') out += c;
  for (size_t pos; (pos = out.find("\u2192")) != std::string::npos;) out.replace(pos, 3, "->");
  if (!out.empty() && out.back() == '.') out.pop_back();  // titles carry no trailing period
  return out;
}

TEST(RegistryTest, SpecTableIsReadable) {
  auto spec = ReadSpec();
  EXPECT_GE(spec.size(), 100u);
  ASSERT_TRUE(spec.count("NET001"));
  EXPECT_EQ(spec["NET001"].slug, "net-public-subnet-no-public-ip");
  EXPECT_EQ(spec["NET001"].severity, "blocker");
}

TEST(RegistryTest, CodesAreWellFormedUniqueAndSorted) {
  static const std::regex kCode(R"(^(NET|FW|VPCE|IAM|IMG|SEC|LOG|STO|CAP|TD|SVC)\d{3}$)");
  std::set<std::string> seen;
  std::string prev;
  ASSERT_FALSE(AllChecks().empty());
  for (const CheckDef* c : AllChecks()) {
    std::string code(c->info.code);
    EXPECT_TRUE(std::regex_match(code, kCode)) << code;
    EXPECT_TRUE(seen.insert(code).second) << "duplicate " << code;
    EXPECT_LT(prev, code) << "registry not sorted at " << code;
    prev = code;
    EXPECT_NE(c->run, nullptr) << code;
  }
}

TEST(RegistryTest, SlugsAreKebabCaseAndUnique) {
  static const std::regex kKebab(R"(^[a-z0-9]+(-[a-z0-9]+)*$)");
  std::set<std::string> seen;
  for (const CheckDef* c : AllChecks()) {
    std::string slug(c->info.slug);
    EXPECT_TRUE(std::regex_match(slug, kKebab)) << c->info.code << " " << slug;
    EXPECT_TRUE(seen.insert(slug).second) << "duplicate slug " << slug;
    for (const char* bad : {"no-", "avoid-", "disallow-"})
      EXPECT_NE(slug.rfind(bad, 0), 0u) << slug;
  }
}

TEST(RegistryTest, EveryCheckMatchesItsRowInChecksMd) {
  auto spec = ReadSpec();
  for (const CheckDef* c : AllChecks()) {
    std::string code(c->info.code);
    SCOPED_TRACE(code);
    auto it = spec.find(code);
    if (it == spec.end()) {
      // A check added after checks.md was written must take the next free code of its area.
      const std::string area = code.substr(0, code.find_first_of("0123456789"));
      int highest = 0;
      for (const auto& [c, row] : spec)
        if (c.substr(0, c.find_first_of("0123456789")) == area)
          highest = std::max(highest, std::stoi(c.substr(area.size())));
      EXPECT_GT(std::stoi(code.substr(area.size())), highest)
          << code << " is not in checks.md and reuses a code of its area";
      continue;
    }
    const SpecRow& row = it->second;
    EXPECT_NE(row.severity, "removed") << code << " is registered but removed in checks.md";
    EXPECT_EQ(c->info.slug, row.slug);
    // The title is the catalogue's, verbatim or as plain text (no code spans, "->").
    std::string title(c->info.title);
    EXPECT_TRUE(title == row.title || title == PlainTitle(row.title))
        << "title \"" << title << "\" vs checks.md \"" << row.title << "\"";
    EXPECT_EQ(report::ToString(c->info.severity), row.severity);
    EXPECT_EQ(ToString(c->info.group), row.group);
  }
}

TEST(RegistryTest, TitlesAndTextsAreComplete) {
  for (const CheckDef* c : AllChecks()) {
    SCOPED_TRACE(std::string(c->info.code));
    ASSERT_FALSE(c->info.title.empty());
    EXPECT_NE(c->info.title.back(), '.');
    EXPECT_EQ(c->info.title.find('\n'), std::string_view::npos);
    EXPECT_FALSE(c->info.rationale.empty());
    EXPECT_FALSE(c->info.remediation.empty());
    EXPECT_FALSE(c->info.evidence.empty());
  }
}

TEST(RegistryTest, FindCheckByCodeOrSlug) {
  const CheckDef* by_code = FindCheck("NET001");
  ASSERT_NE(by_code, nullptr);
  EXPECT_EQ(by_code->info.slug, "net-public-subnet-no-public-ip");
  EXPECT_EQ(FindCheck("net001"), by_code);
  EXPECT_EQ(FindCheck("net-public-subnet-no-public-ip"), by_code);
  EXPECT_EQ(FindCheck("NET999"), nullptr);
  EXPECT_EQ(FindCheck(""), nullptr);
}

// ---- selection --------------------------------------------------------------------------------

CheckInfo Info(std::string_view code, std::string_view slug) {
  return CheckInfo{code, slug, "t", report::Severity::kBlocker, Group::kNetwork, "r", "e", "m", ""};
}

const CheckInfo kNet001 = Info("NET001", "net-public-subnet-no-public-ip");
const CheckInfo kNet002 = Info("NET002", "net-route-private-no-egress");
const CheckInfo kFw001 = Info("FW001", "sg-task-egress-443");
const CheckInfo kVpce001 = Info("VPCE001", "vpce-ecr-missing");

TEST(IsSelectedTest, EmptySelectMeansAll) {
  EXPECT_TRUE(IsSelected(kNet001, {}, {}));
  EXPECT_TRUE(IsSelected(kFw001, {}, {}));
}

TEST(IsSelectedTest, CodePrefixes) {
  EXPECT_TRUE(IsSelected(kNet001, {"NET"}, {}));
  EXPECT_TRUE(IsSelected(kNet001, {"NET0"}, {}));
  EXPECT_TRUE(IsSelected(kNet001, {"NET001"}, {}));
  EXPECT_FALSE(IsSelected(kNet002, {"NET001"}, {}));
  EXPECT_FALSE(IsSelected(kFw001, {"NET"}, {}));
  EXPECT_TRUE(IsSelected(kFw001, {"NET", "FW"}, {}));
  EXPECT_TRUE(IsSelected(kNet001, {"net"}, {}));  // codes are case-insensitive
  EXPECT_FALSE(IsSelected(kVpce001, {"VPCE002"}, {}));
}

TEST(IsSelectedTest, Slugs) {
  EXPECT_TRUE(IsSelected(kNet001, {"net-public-subnet-no-public-ip"}, {}));
  EXPECT_FALSE(IsSelected(kNet002, {"net-public-subnet-no-public-ip"}, {}));
  EXPECT_FALSE(IsSelected(kNet001, {"net-public"}, {}));  // slugs are not prefixes
}

TEST(IsSelectedTest, All) {
  EXPECT_TRUE(IsSelected(kFw001, {"ALL"}, {}));
  EXPECT_TRUE(IsSelected(kFw001, {"all"}, {}));
  EXPECT_FALSE(IsSelected(kFw001, {}, {"ALL"}));
  EXPECT_TRUE(IsSelected(kFw001, {"FW001"}, {"ALL"}));
}

TEST(IsSelectedTest, IgnoreBeatsALessSpecificSelect) {
  EXPECT_FALSE(IsSelected(kNet001, {"NET"}, {"NET001"}));
  EXPECT_TRUE(IsSelected(kNet002, {"NET"}, {"NET001"}));
  EXPECT_FALSE(IsSelected(kNet001, {"ALL"}, {"NET"}));
  EXPECT_FALSE(IsSelected(kNet001, {}, {"NET"}));
  EXPECT_FALSE(IsSelected(kNet001, {"NET"}, {"net-public-subnet-no-public-ip"}));
  EXPECT_FALSE(IsSelected(kNet001, {"NET0"}, {"NET00"}));
  // A more specific select beats a broader ignore.
  EXPECT_TRUE(IsSelected(kNet001, {"NET001"}, {"NET"}));
  EXPECT_TRUE(IsSelected(kNet001, {"net-public-subnet-no-public-ip"}, {"NET"}));
  EXPECT_TRUE(IsSelected(kNet001, {"NET00"}, {"NET0"}));
  // Equally specific: the ignore wins.
  EXPECT_FALSE(IsSelected(kNet001, {"NET001"}, {"NET001"}));
  EXPECT_FALSE(IsSelected(kNet001, {"NET"}, {"NET"}));
}

TEST(IsSelectedTest, CodeAndSlugNameACheckEquallySpecifically) {
  // Both name exactly one check, so they are equally specific and the ignore wins either way.
  EXPECT_FALSE(IsSelected(kNet001, {"NET001"}, {"net-public-subnet-no-public-ip"}));
  EXPECT_FALSE(IsSelected(kNet001, {"net-public-subnet-no-public-ip"}, {"NET001"}));
}

}  // namespace
}  // namespace fd::checks
