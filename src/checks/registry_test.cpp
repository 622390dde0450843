// The registry (the single source of the check list) against the catalogue conventions of
// docs/design/checks.md (areas, severities, groups) and the causes of docs/design/causes.md (one
// section per check), and the selection rules (Ruff semantics: code prefixes or slugs, ALL, an
// ignore beats a select that is not more specific). docs/checks, generated from the registry,
// is compared by tests/docs_test.cpp.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "checks/check.h"
#include "util/strings.h"

namespace fd::checks {
namespace {

std::string ReadDesign(const std::string& name) {
  const std::string path = FD_SOURCE_DIR "/docs/design/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The tables of docs/design/checks.md whose first column holds `names`, keyed by that
// column's header: {"area": {"NET", ...}, "severity": {...}, "group": {...}}.
std::map<std::string, std::set<std::string>> ConventionTables() {
  std::map<std::string, std::set<std::string>> tables;
  std::stringstream in(ReadDesign("checks.md"));
  std::string line, header;
  static const std::regex kRow(R"(^\| *`([A-Za-z-]+)` *\|)");
  static const std::regex kHeader(R"(^\| *([a-z]+) *\|)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("|", 0) != 0) {
      header.clear();
      continue;
    }
    if (std::regex_search(line, m, kRow) && !header.empty()) tables[header].insert(m[1]);
    else if (header.empty() && std::regex_search(line, m, kHeader)) header = m[1];
  }
  return tables;
}

// The codes docs/design/causes.md gives a section (`<a id="net001"></a>`), with that section's
// heading, in upper case.
std::map<std::string, std::string> CauseSections() {
  std::map<std::string, std::string> out;
  std::stringstream in(ReadDesign("causes.md"));
  static const std::regex kAnchor(R"re(^<a id="([a-z]+[0-9]{3})"></a>)re");
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (!std::regex_search(line, m, kAnchor)) continue;
    std::string heading;
    std::getline(in, heading);
    out[util::Upper(m[1].str())] = heading;
  }
  return out;
}

TEST(RegistryTest, DesignTablesAreReadable) {
  auto tables = ConventionTables();
  EXPECT_EQ(tables["severity"], (std::set<std::string>{"blocker", "warning", "info"}));
  EXPECT_EQ(tables["group"], (std::set<std::string>{"network", "iam", "resources"}));
  EXPECT_TRUE(tables["area"].count("NET"));
  EXPECT_GE(CauseSections().size(), 100u);
}

TEST(RegistryTest, CodesAreWellFormedUniqueAndSorted) {
  static const std::regex kCode(R"(^([A-Z]+)(\d{3})$)");
  const auto tables = ConventionTables();
  const std::set<std::string>& areas = tables.at("area");
  std::set<std::string> seen;
  std::string prev;
  ASSERT_FALSE(AllChecks().empty());
  for (const CheckDef* c : AllChecks()) {
    std::string code(ToString(c->info.code));
    std::smatch m;
    ASSERT_TRUE(std::regex_match(code, m, kCode)) << code;
    EXPECT_TRUE(areas.count(m[1])) << code << ": its area is not in docs/design/checks.md";
    EXPECT_TRUE(seen.insert(code).second) << "duplicate " << code;
    EXPECT_LT(prev, code) << "registry not sorted at " << code;
    prev = code;
    EXPECT_NE(c->run, nullptr) << code;
  }
}

// The registry's definitions are in the order of the code list, and each carries its own entry's
// code: the list's k-name and the definition's CheckInfo cannot name two different checks.
TEST(RegistryTest, EachDefinitionCarriesTheCodeOfItsListEntry) {
  ASSERT_EQ(AllChecks().size(), kCodeCount);
  for (std::size_t i = 0; i < kCodeCount; ++i) {
    const Code code = static_cast<Code>(i);
    EXPECT_EQ(AllChecks()[i]->info.code, code) << ToString(code);
    EXPECT_EQ(ParseCode(ToString(code)), code);
    EXPECT_EQ(FindCheck(ToString(code)), AllChecks()[i]);
  }
  EXPECT_EQ(ParseCode("VPCE009"), std::nullopt);  // a cause with no check has no code
  EXPECT_EQ(ParseCode("net002"), std::nullopt);   // texts are upper case; FindCheck folds case
}

TEST(RegistryTest, SeveritiesAndGroupsAreTheCataloguesOwn) {
  const auto tables = ConventionTables();
  for (const CheckDef* c : AllChecks()) {
    SCOPED_TRACE(std::string(ToString(c->info.code)));
    EXPECT_TRUE(tables.at("severity").count(std::string(report::ToString(c->info.severity))));
    EXPECT_TRUE(tables.at("group").count(std::string(ToString(c->info.group))));
  }
}

// Every check has its cause in docs/design/causes.md, and every cause section names a
// registered check or says it is not implemented, so the two cannot drift apart.
TEST(RegistryTest, EveryCheckHasItsCauseAndEveryCauseItsCheck) {
  const auto sections = CauseSections();
  for (const CheckDef* c : AllChecks()) {
    const std::string code(ToString(c->info.code));
    auto it = sections.find(code);
    ASSERT_NE(it, sections.end()) << code << " has no section in docs/design/causes.md";
    EXPECT_NE(it->second.find(code), std::string::npos) << it->second;
    EXPECT_NE(it->second.find(std::string(c->info.slug)), std::string::npos)
        << code << ": the section heading does not name the slug: " << it->second;
  }
  for (const auto& [code, heading] : sections) {
    if (FindCheck(code) == nullptr) {
      EXPECT_NE(heading.find("not implemented"), std::string::npos)
          << code << " has a cause section but no registered check: " << heading;
    }
  }
}

TEST(RegistryTest, SlugsAreKebabCaseAndUnique) {
  static const std::regex kKebab(R"(^[a-z0-9]+(-[a-z0-9]+)*$)");
  std::set<std::string> seen;
  for (const CheckDef* c : AllChecks()) {
    std::string slug(c->info.slug);
    EXPECT_TRUE(std::regex_match(slug, kKebab)) << ToString(c->info.code) << " " << slug;
    EXPECT_TRUE(seen.insert(slug).second) << "duplicate slug " << slug;
    for (const char* bad : {"no-", "avoid-", "disallow-"})
      EXPECT_NE(slug.rfind(bad, 0), 0u) << slug;
  }
}

TEST(RegistryTest, TitlesAndTextsAreComplete) {
  for (const CheckDef* c : AllChecks()) {
    SCOPED_TRACE(std::string(ToString(c->info.code)));
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

CheckInfo Info(Code code, std::string_view slug) {
  return CheckInfo{code, slug, "t", report::Severity::kBlocker, Group::kNetwork, "r", "e", "m", ""};
}

const CheckInfo kNet001 = Info(Code::kNet001, "net-public-subnet-no-public-ip");
const CheckInfo kNet002 = Info(Code::kNet002, "net-route-private-no-egress");
const CheckInfo kFw001 = Info(Code::kFw001, "sg-task-egress-443");
const CheckInfo kVpce001 = Info(Code::kVpce001, "vpce-ecr-missing");

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
