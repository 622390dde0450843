#include "report/report.h"

#include <algorithm>
#include <mutex>
#include <ostream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace fd::report {

namespace {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct Pool {
  std::mutex mutex;
  std::unordered_set<std::string, TextHash, std::equal_to<>> strings;
};

/// The process' texts; never freed (the process exits right after the report is printed, and
/// a long-lived process such as the test binary only ever adds the few distinct texts it sees).
Pool& ThePool() {
  static auto* pool = new Pool();
  return *pool;
}

struct StepHash {
  std::size_t operator()(const TraceStep& s) const {
    std::size_t h = static_cast<std::size_t>(s.action);
    for (const Text* t : {&s.hop, &s.resource, &s.step, &s.detail})
      h = h * 1000003u ^ std::hash<const void*>()(t->c_str());  // interned: the address is the text
    return h;
  }
};
struct StepEqual {
  bool operator()(const TraceStep& a, const TraceStep& b) const {
    return a.action == b.action && a.hop == b.hop && a.resource == b.resource && a.step == b.step &&
           a.detail == b.detail;
  }
};

/// The process' distinct trace steps; never freed, like the texts.
struct StepPool {
  std::mutex mutex;
  std::unordered_set<TraceStep, StepHash, StepEqual> steps;
};
StepPool& TheStepPool() {
  static auto* pool = new StepPool();
  return *pool;
}

}  // namespace

Text::Text() : Text(std::string_view()) {}

std::ostream& operator<<(std::ostream& os, const Text& t) { return os << *t.s_; }

Text::Text(std::string_view s) {
  // A diagnosis interns millions of texts, nearly all seen before: each thread first asks its
  // own index of what it has interned (views of the pool's strings, which never move), and
  // locks the shared pool only for a text new to it.
  thread_local std::unordered_map<std::string_view, const std::string*, TextHash> seen;
  if (auto hit = seen.find(s); hit != seen.end()) {
    s_ = hit->second;
    return;
  }
  Pool& pool = ThePool();
  {
    std::lock_guard<std::mutex> lock(pool.mutex);
    auto it = pool.strings.find(s);
    if (it == pool.strings.end()) it = pool.strings.emplace(s).first;
    s_ = &*it;
  }
  seen.emplace(*s_, s_);
}

Trace::Trace(const std::vector<TraceStep>& steps) {
  std::vector<const TraceStep*> list;
  list.reserve(steps.size());
  StepPool& pool = TheStepPool();
  std::lock_guard<std::mutex> lock(pool.mutex);
  for (const TraceStep& s : steps) list.push_back(&*pool.steps.insert(s).first);
  steps_ = std::make_shared<const std::vector<const TraceStep*>>(std::move(list));
}

std::string_view ToString(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kBlocker: return "blocker";
  }
  return "info";
}

std::string ToString(const SourceLocation& l) {
  std::string out = l.file;
  if (l.line > 0) out += ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
  if (!l.declared_id.empty()) out += " (" + (l.source.empty() ? "" : l.source + " ") + l.declared_id + ")";
  return out;
}

std::string_view ToString(Verdict v) {
  switch (v) {
    case Verdict::kOk: return "ok";
    case Verdict::kAtRisk: return "at-risk";
    case Verdict::kInconclusive: return "inconclusive";
    case Verdict::kBlocked: return "blocked";
  }
  return "ok";
}

std::string_view ToString(StepAction a) {
  switch (a) {
    case StepAction::kPermitted: return "permitted";
    case StepAction::kDenied: return "denied";
    case StepAction::kForwarded: return "forwarded";
    case StepAction::kNoRoute: return "no-route";
    case StepAction::kUnknown: return "unknown";
  }
  return "unknown";
}

void Canonicalize(Report& report) {
  for (auto& t : report.targets) {
    std::sort(t.launch.subnets.begin(), t.launch.subnets.end());
    std::sort(t.launch.security_groups.begin(), t.launch.security_groups.end());
    // Trace steps keep packet order; dependencies sort by service, then subnet.
    std::stable_sort(t.dependencies.begin(), t.dependencies.end(),
                     [](const Dependency& a, const Dependency& b) {
                       return std::tie(a.service, a.subnet, a.needed_because) <
                              std::tie(b.service, b.subnet, b.needed_because);
                     });
  }
  std::sort(report.targets.begin(), report.targets.end(), [](const Target& a, const Target& b) {
    return std::tie(a.kind, a.arn, a.name) < std::tie(b.kind, b.arn, b.name);
  });
  for (auto& f : report.findings) {
    std::sort(f.evidence.begin(), f.evidence.end());
    f.evidence.erase(std::unique(f.evidence.begin(), f.evidence.end()), f.evidence.end());
    std::sort(f.paths.begin(), f.paths.end());
    f.paths.erase(std::unique(f.paths.begin(), f.paths.end()), f.paths.end());
    std::sort(f.subnets.begin(), f.subnets.end());
    f.subnets.erase(std::unique(f.subnets.begin(), f.subnets.end()), f.subnets.end());
  }
  std::sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.code, a.target, a.resource, a.message) <
           std::tie(b.code, b.target, b.resource, b.message);
  });
  std::sort(report.unchecked.begin(), report.unchecked.end());
  report.unchecked.erase(std::unique(report.unchecked.begin(), report.unchecked.end()),
                         report.unchecked.end());
  std::sort(report.input_notes.begin(), report.input_notes.end());
  report.input_notes.erase(std::unique(report.input_notes.begin(), report.input_notes.end()),
                           report.input_notes.end());
}

}  // namespace fd::report

namespace fd::report {

Change Change::Of(std::string summary, std::vector<fix::Step> steps) {
  Change c;
  c.summary = std::move(summary);
  c.commands = fix::Cli(steps);
  c.billable = std::any_of(steps.begin(), steps.end(),
                           [](const fix::Step& s) { return fix::CostOf(s) == fix::Cost::kBillable; });
  c.steps = std::move(steps);
  return c;
}

Fix Fix::Of(std::string summary, std::vector<fix::Step> steps) {
  Fix f;
  f.summary = std::move(summary);
  f.commands = fix::Cli(steps);
  f.steps = std::move(steps);
  return f;
}

}  // namespace fd::report
