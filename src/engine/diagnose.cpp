// Diagnose: targets → analysis → checks → report. After the checks, one pass turns subnet-scoped
// blockers into warnings where other subnets of the same target still work (a placement in
// those subnets fails, the service as a whole can still start), and computes verdicts.
#include "engine/diagnose.h"

#include <algorithm>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>

#include "analysis/analyze.h"
#include "checks/check.h"
#include "checks/memo.h"
#include "engine/evidence.h"
#include "engine/remedies.h"

namespace fd::engine {
namespace {

report::Dependency ToDependency(analysis::PathResult& p) {
  report::Dependency d;
  d.service = p.need->service;
  d.needed_because = p.need->NeededBecause();
  d.subnet = p.subnet_id;
  d.reachable = p.reachable;
  d.via = p.reachable == true ? p.via : "";
  d.trace = std::move(p.trace);  // the analysis is done with it
  return d;
}

}  // namespace

Expected<report::Report> Diagnose(const model::Model& model, const DiagnoseOptions& options) {
  for (const auto* list : {&options.select, &options.ignore})
    for (const auto& sel : *list) {
      bool any = false;
      for (const checks::CheckDef* c : checks::AllChecks())
        if (checks::IsSelected(c->info, {sel}, {})) any = true;
      if (!any) return MakeError(ErrorCode::kUsage, "no check matches '" + sel + "'");
    }

  analysis::TargetQuery q;
  q.cluster = options.cluster;
  q.services = options.services;
  q.tasks = options.tasks;
  q.task_definition = options.task_definition ? &*options.task_definition : nullptr;
  q.task_definition_ref = options.task_definition_ref;
  q.subnets = options.subnets;
  q.security_groups = options.security_groups;
  q.assign_public_ip = options.assign_public_ip;
  q.platform_version = options.platform_version;

  report::Report rep;
  rep.input_notes = model.notes();
  auto targets = analysis::ResolveTargets(model, q, &rep.input_notes);
  if (!targets) return tl::unexpected(targets.error());
  analysis::Analysis an = analysis::Analyze(model, std::move(*targets));

  // The checks run over slices of the targets, and the memo of derived data (each target's IAM
  // evaluation, a dozen kilobytes) is cleared between slices: memory stays that of one slice
  // instead of the whole account. At most 16 slices, so the checks' per-run set-up (an index of
  // the model some of them build) is paid a bounded number of times. Findings merge and the
  // report is canonicalised afterwards, so the slicing never shows in the output.
  checks::FindingSink sink;
  checks::Memo memo;
  const std::span<const analysis::TargetAnalysis> all(an.targets);
  const size_t slice = std::max<size_t>(256, (all.size() + 15) / 16);
  size_t begin = 0;
  do {  // at least once, as the checks always ran, even for an input with no target
    const checks::CheckContext ctx{model, all.subspan(begin, std::min(slice, all.size() - begin)), memo};
    for (const checks::CheckDef* c : checks::AllChecks())
      if (checks::IsSelected(c->info, options.select, options.ignore)) c->run(ctx, sink);
    memo.Clear();
    begin += slice;
  } while (begin < all.size());
  rep.findings = sink.TakeFindings();
  rep.unchecked = sink.TakeUnchecked();

  // Asked once per unchecked entry and fault of every path: decide each code once.
  std::unordered_map<std::string, bool> decided;
  auto selected = [&](const std::string& code) {
    auto [it, fresh] = decided.try_emplace(code, true);
    if (fresh) {
      const checks::CheckDef* c = checks::FindCheck(code);
      it->second = !c || checks::IsSelected(c->info, options.select, options.ignore);
    }
    return it->second;
  };
  std::erase_if(rep.unchecked, [&](const report::Unchecked& u) { return !selected(u.check); });
  AttachRuntimeEvidence(an, rep.findings, selected);

  // Each target's findings, found by key rather than by scanning every finding per target.
  std::unordered_map<std::string_view, std::vector<report::Finding*>> findings_of;
  for (auto& f : rep.findings) findings_of[f.target].push_back(&f);
  static const std::vector<report::Finding*> kNone;

  RemedyCache remedy_cache;
  for (auto& ta : an.targets) {
    const auto& t = ta.target;
    report::Target rt;
    rt.remedies = PlanRemedies(model, ta, &remedy_cache);  // before the traces move out
    rt.kind = std::string(analysis::ToString(t.kind));
    rt.name = t.name;
    rt.arn = t.arn;
    rt.launch = {t.platform_version, t.subnets, t.security_groups, t.assign_public_ip};
    bool gaps = false;
    for (const auto& u : ta.unchecked)
      if (selected(u.check)) {
        rep.unchecked.push_back(u);
        gaps = true;
      }
    rt.dependencies.reserve(ta.paths.size());
    for (auto& p : ta.paths) {
      rt.dependencies.push_back(ToDependency(p));
      for (const auto& u : p.unchecked)
        if (selected(u.check)) {
          rep.unchecked.push_back(u);
          gaps = true;
        }
      if (!p.reachable.has_value()) {
        // Undecided: explained by a warning on the path, or by missing data.
        bool explained = std::any_of(p.faults.begin(), p.faults.end(), [&](const analysis::Fault& f) {
          return f.severity == report::Severity::kWarning && selected(f.code);
        });
        if (!explained) gaps = true;
      }
    }

    // Subnet-scoped blockers: a blocker where every subnet fails, a warning otherwise.
    std::set<std::string> all(t.subnets.begin(), t.subnets.end());
    auto mine_it = findings_of.find(t.Key());
    const std::vector<report::Finding*>& own = mine_it != findings_of.end() ? mine_it->second : kNone;
    std::set<std::string> blocked_subnets;
    bool target_wide = false;
    for (const report::Finding* f : own) {
      if (f->severity != report::Severity::kBlocker) continue;
      if (f->subnets.empty()) target_wide = true;
      blocked_subnets.insert(f->subnets.begin(), f->subnets.end());
    }
    const bool everywhere = target_wide || (!all.empty() && std::includes(blocked_subnets.begin(),
                                                                          blocked_subnets.end(),
                                                                          all.begin(), all.end()));
    if (!everywhere)
      for (report::Finding* f : own) {
        if (f->severity != report::Severity::kBlocker || f->subnets.empty()) continue;
        f->severity = report::Severity::kWarning;
        std::set<std::string> mine(f->subnets.begin(), f->subnets.end());
        f->message += " (placements in " + std::to_string(mine.size()) + " of " +
                      std::to_string(all.size()) + " subnets fail; the others start)";
      }

    report::Verdict v = report::Verdict::kOk;
    for (const report::Finding* f : own) {
      if (f->severity == report::Severity::kBlocker) v = report::Verdict::kBlocked;
      else if (f->severity == report::Severity::kWarning && v == report::Verdict::kOk)
        v = report::Verdict::kAtRisk;
    }
    if (v != report::Verdict::kBlocked && gaps) v = report::Verdict::kInconclusive;
    rt.verdict = v;
    rep.verdict = std::max(rep.verdict, v);
    rep.targets.push_back(std::move(rt));
    // This target's analysis is in its report now: free it as the report grows, so the two are
    // never both whole in memory.
    std::vector<analysis::PathResult>().swap(ta.paths);
  }
  report::Canonicalize(rep);
  return rep;
}

}  // namespace fd::engine
