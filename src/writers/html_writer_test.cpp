#include "writers/html_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "writers/html_parts.h"
#include "writers/markdown_writer.h"
#include "writers/mermaid.h"

namespace fd::writers {
namespace {

using report::StepAction;

/// Text a hostile snapshot could put in a name, tag or message.
constexpr const char* kHostile =
    "</code></pre><script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;`|";

report::Report Sample(const std::string& name = "api") {
  report::Report r;
  r.verdict = report::Verdict::kBlocked;
  report::Target t;
  t.kind = "service";
  t.name = name;
  t.arn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/" + name;
  t.verdict = report::Verdict::kBlocked;
  t.launch = {"1.4.0", {"subnet-a"}, {"sg-1"}, false};
  report::Dependency ecr;
  ecr.service = "ecr.api";
  ecr.needed_because = name;
  ecr.subnet = "subnet-a";
  ecr.reachable = false;
  ecr.trace = {
      {"dns", "dopt-1", "name resolution", StepAction::kPermitted,
       "resolves to its public address"},
      {"eni (task)", "sg-1", "security-group egress", StepAction::kPermitted,
       "rule tcp 443 -> 0.0.0.0/0"},
      {"route table rtb-1", "rtb-1", "route lookup", StepAction::kForwarded, "0.0.0.0/0 -> nat-1"},
      {"nat-1", "nat-1", "nat gateway", StepAction::kForwarded, "nat-1 is available"},
      {"subnet subnet-p (nat-1)", "acl-2", "network-acl egress", StepAction::kPermitted,
       "rule 100"},
      {"route table rtb-2", "rtb-2", "route lookup", StepAction::kNoRoute,
       std::string("no route to an IGW ") + kHostile},
  };
  report::Dependency s3 = ecr;
  s3.service = "s3";
  s3.reachable = true;
  s3.via = "vpce-s3";
  s3.trace = {{"eni (task)", "sg-1", "security-group egress", StepAction::kPermitted, "ok"}};
  t.dependencies = {ecr, s3};
  t.remedies = {
      {"a new NAT gateway",
       true,
       "",
       false,
       {{"create a NAT gateway", {"aws ec2 create-nat-gateway --subnet-id subnet-p"}, true}}},
      {"internet through nat-1",
       true,
       "",
       true,
       {{"route nat-1's subnet to the IGW",
         {"aws ec2 create-route --route-table-id rtb-2 --destination-cidr-block 0.0.0.0/0 "
          "--gateway-id igw-1"},
         false}}},
      {"VPC endpoints", false, std::string("no endpoint for ") + kHostile, false, {}},
  };
  r.targets.push_back(t);

  report::Finding f;
  f.code = "NET005";
  f.slug = "nat-in-private-subnet";
  f.severity = report::Severity::kBlocker;
  f.target = t.arn;
  f.resource = "nat-1";
  f.message = std::string("nat-1 sits in a private subnet ") + kHostile;
  f.evidence = {{"rtb-2", std::string("routes 0.0.0.0/0 back to nat-1 ") + kHostile}};
  f.fix = {"move it", {"aws ec2 replace-route --route-table-id rtb-2 '<x>'"}};
  f.paths = {{"ecr.api", "subnet-a"}};
  r.findings.push_back(f);
  report::Finding info = f;
  info.code = "INFO01";
  info.severity = report::Severity::kInfo;
  r.findings.push_back(info);
  r.unchecked.push_back({"FW006", kHostile});

  report::VpcMap vpc;
  vpc.id = "vpc-1";
  vpc.cidr = "10.0.0.0/16";
  vpc.subnets = {{"subnet-a", "eu-west-3a", "10.0.1.0/24", "rtb-1", "acl-1"},
                 {"subnet-p", "eu-west-3b", "10.0.2.0/24", "rtb-2", "acl-1"}};
  vpc.route_tables = {
      {"rtb-1", false, {{"10.0.0.0/16", "local", false}, {"0.0.0.0/0", "nat-1", false}}},
      {"rtb-2", false, {{"0.0.0.0/0", "nat-1", false}}}};
  vpc.gateways = {{"nat-1", "nat", "public", "available", {"subnet-p"}},
                  {"igw-1", "igw", "", "available", {}},
                  {"vpce-s3", "endpoint", "com.amazonaws.eu-west-3.s3", "available", {}}};
  r.vpcs.push_back(vpc);
  return r;
}

TEST(HtmlWriterTest, IsDeterministicAndSelfContained) {
  const std::string html = RenderHtml(Sample());
  EXPECT_EQ(html, RenderHtml(Sample()));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  // No external resource: every src/href is a fragment of this page.
  std::smatch m;
  const std::regex attr(R"re(\b(src|href|action|xlink:href)\s*=\s*"([^"]*)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), attr); it != std::sregex_iterator();
       ++it)
    EXPECT_EQ((*it)[2].str().rfind("#", 0), 0u) << (*it)[0].str();
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
}

TEST(HtmlWriterTest, EscapesHostileInputEverywhere) {
  const std::string html = RenderHtml(Sample(kHostile));
  // One <script> element, ours, at the end of the body; no input-made tag or handler.
  EXPECT_EQ(html.find("<script>"), html.rfind("<script>"));
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("</code></pre><script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&#39;&amp;amp;"), std::string::npos);
  EXPECT_EQ(html::Esc("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(html::Clip("subnet-0123456789", 8), "subnet-…");
  EXPECT_EQ(html::Clip("✓✓✓", 3), "✓✓✓");
}

TEST(HtmlWriterTest, MarksTheFailingHopAndDrawsTheMap) {
  const std::string html = RenderHtml(Sample());
  // The route lookup of rtb-2 decides: its box is the one marked, with its rule and evidence.
  const size_t fail = html.find("<g class=\"hop bad fail\">");
  ASSERT_NE(fail, std::string::npos) << html;
  EXPECT_EQ(fail, html.rfind("<g class=\"hop bad fail\">"));
  EXPECT_NE(html.find(">rtb-2<", fail), std::string::npos);
  EXPECT_NE(html.find("✗ breaks here"), std::string::npos);
  // The NAT gateway, which the finding says to change, is outlined as such.
  EXPECT_NE(html.find("<g class=\"hop ok culprit\"><title>NAT gateway nat-1"), std::string::npos);
  EXPECT_NE(html.find("✗ NET005: change this"), std::string::npos);
  EXPECT_NE(html.find("<b>Breaks at NAT subnet route table <code>rtb-2</code></b>"),
            std::string::npos);
  EXPECT_NE(html.find("routes 0.0.0.0/0 back to nat-1"), std::string::npos);
  EXPECT_NE(html.find("DNS: resolves to its public address"), std::string::npos);
  EXPECT_NE(html.find(">NAT subnet route table<"), std::string::npos);
  EXPECT_NE(html.find(">NAT subnet ACL<"), std::string::npos);
  // The matrix cell links to the path; the path has that anchor.
  EXPECT_NE(html.find("<td class=\"c-bad\"><a href=\"#t0-p0\">✗ blocked</a></td>"),
            std::string::npos);
  EXPECT_NE(html.find("<figure class=\"path bad\" id=\"t0-p0\">"), std::string::npos);
  // The VPC map: both AZs, the NAT gateway in its subnet, the IGW at the edge, rtb-2 broken.
  EXPECT_NE(html.find("<svg class=\"vpc\""), std::string::npos);
  EXPECT_NE(html.find("AZ eu-west-3a"), std::string::npos);
  EXPECT_NE(html.find("AZ eu-west-3b"), std::string::npos);
  EXPECT_NE(html.find("▣ nat-1 NAT gateway"), std::string::npos);
  EXPECT_NE(html.find("igw-1 internet gateway"), std::string::npos);
  EXPECT_NE(html.find("✗ rtb-2"), std::string::npos);
}

TEST(HtmlWriterTest, EveryFindingAndRemedyCommandIsPresentChosenFirst) {
  const report::Report r = Sample();
  const std::string html = RenderHtml(r);
  for (const auto& f : r.findings) {
    EXPECT_NE(html.find("<code>" + f.code + "</code>"), std::string::npos) << f.code;
    for (const auto& c : f.fix.commands) EXPECT_NE(html.find(html::Esc(c)), std::string::npos) << c;
  }
  for (const auto& rem : r.targets[0].remedies)
    for (const auto& c : rem.changes)
      for (const auto& cmd : c.commands)
        EXPECT_NE(html.find(html::Esc(cmd)), std::string::npos) << cmd;
  const size_t chosen = html.find("★ chosen: internet through nat-1");
  ASSERT_NE(chosen, std::string::npos);
  EXPECT_LT(chosen, html.find("a new NAT gateway: 1 change"));
  EXPECT_NE(html.find("VPC endpoints: not possible"), std::string::npos);
  EXPECT_NE(html.find("<td><code>FW006</code></td>"), std::string::npos);
}

TEST(HtmlWriterTest, WorksWithoutScript) {
  const std::string html = RenderHtml(Sample());
  // Everything is in the markup before the only script, which is last: filters are CSS.
  const size_t script = html.find("<script>");
  ASSERT_NE(script, std::string::npos);
  EXPECT_LT(html.find("</main>"), script);
  EXPECT_NE(html.find("<input type=\"radio\" class=\"flt\" name=\"fv\" id=\"fv-blocked\">"),
            std::string::npos);
  EXPECT_NE(html.find("#fv-blocked:checked~main .tgt:not(.v-blocked)"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"tgt v-blocked has-blocker\">"), std::string::npos);
  // Commands are plain <pre>: copy buttons are added by the script only.
  EXPECT_EQ(html.find("<button"), std::string::npos);
}

TEST(HtmlWriterTest, PathsThatLookTheSameAreDrawnOnceWithEveryAnchor) {
  report::Report r = Sample();
  report::Dependency other = r.targets[0].dependencies[0];
  other.subnet = "subnet-b";  // the same hops from another subnet
  r.targets[0].dependencies.push_back(other);
  r.targets[0].launch.subnets.push_back("subnet-b");
  const std::string html = RenderHtml(r);
  size_t drawings = 0;
  for (size_t at = html.find("<svg class=\"hops\""); at != std::string::npos;
       at = html.find("<svg class=\"hops\"", at + 1))
    ++drawings;
  EXPECT_EQ(drawings, 1u);
  // ecr.api from subnet-b is the canonical order's second dependency: its cell links to its
  // name under the drawing.
  EXPECT_NE(html.find("<a href=\"#t0-p1\">✗ blocked</a>"), std::string::npos);
  EXPECT_NE(html.find("The same hops decide it from <code id=\"t0-p1\">subnet-b</code>"),
            std::string::npos);
}

TEST(HtmlWriterTest, HealthyTargetsAreSummarised) {
  report::Report r = Sample();
  r.targets[0].verdict = report::Verdict::kOk;
  r.findings.clear();
  const std::string html = RenderHtml(r);
  EXPECT_NE(html.find("2 paths reachable; no blockers or warnings"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
}

TEST(MermaidTest, FailingHopStyledAndLabelsEncoded) {
  report::Report r = Sample(kHostile);
  const auto lines = MermaidFlowchart(r.targets[0].dependencies[0]);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), "flowchart LR");
  // Hops: task, DNS, SG, route table rtb-1, NAT, its subnet's ACL, its route table rtb-2 (n6,
  // failing), destination.
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "  n5[\"NAT subnet ACL<br/>acl-2<br/>#10003; permitted\"]"),
            lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "  n6[\"NAT subnet route table<br/>rtb-2<br/>#10007; no-route\"]"),
            lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "  class n6 failed"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "  n6 --> n7"), lines.end());
  // The NAT gateway the finding names is drawn as the thing to change.
  const auto named = MermaidFlowchart(r.targets[0].dependencies[0], {"nat-1"});
  EXPECT_NE(std::find(named.begin(), named.end(), "  class n4 culprit"), named.end());
  for (const auto& l : lines) {
    EXPECT_EQ(l.find('`'), std::string::npos) << l;
    EXPECT_EQ(l.find("<script"), std::string::npos) << l;
  }
  const std::string md = RenderMarkdown(r);
  EXPECT_NE(md.find("```mermaid\nflowchart LR\n"), std::string::npos) << md;
}

}  // namespace
}  // namespace fd::writers
