// Diagnose: targets → analysis → checks → report. After the checks, one pass turns subnet-scoped
// blockers into warnings where other subnets of the same target still work (a placement in
// those subnets fails, the service as a whole can still start), and computes verdicts.
//
// The targets are diagnosed in chunks, each from analysis to finished report entries, on as many
// threads as the process may use CPUs (ThreadsFor): a chunk's analysis and the checks' derived
// data are freed once its entries are built, so memory holds the report plus the chunks in
// flight, and the output does not depend on the chunking (findings merge per target, and the
// report is canonicalised at the end).
#include "engine/diagnose.h"

#include <algorithm>
#include <array>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>

#include "analysis/analyze.h"
#include "checks/check.h"
#include "checks/memo.h"
#include "engine/evidence.h"
#include "engine/remedies.h"
#include "engine/vpc_map.h"
#include "util/cpus.h"
#include "util/ordered_parallel.h"

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

/// What one chunk of targets adds to the report.
struct Chunk {
  std::vector<report::Finding> findings;
  std::vector<report::Unchecked> unchecked;
  std::vector<report::Target> targets;
  report::Verdict verdict = report::Verdict::kOk;
};

/// What every chunk shares, read-only.
struct Shared {
  const model::Model& model;
  analysis::TasksByGroup tasks_by_group;
  std::vector<const checks::CheckDef*> checks;  ///< the selected checks
  std::array<bool, kCodeCount> on{};  ///< by code: selected with --select/--ignore
  bool Selected(Code c) const { return on[static_cast<size_t>(c)]; }
};

/// The report's wording of a gap the analysis found.
report::Unchecked Worded(const analysis::Gap& g) { return {std::string(ToString(g.code)), g.reason}; }

/// A worker's state, kept from one chunk to the next.
struct Worker {
  analysis::TraceCache traces;
  checks::Memo memo;
  RemedyCache remedies;
};

/// The report entry of one analysed target, with its findings' severities settled.
void AddTarget(const Shared& sh, Worker& w, analysis::TargetAnalysis& ta,
               const std::vector<report::Finding*>& own, Chunk& out) {
  const auto& t = ta.target;
  report::Target rt;
  rt.remedies = PlanRemedies(sh.model, ta, &w.remedies);  // before the traces move out
  rt.kind = std::string(analysis::ToString(t.kind));
  rt.name = t.name;
  rt.arn = t.arn;
  rt.launch = {t.platform_version, t.subnets, t.security_groups, t.assign_public_ip};
  bool gaps = false;
  for (const auto& u : ta.unchecked)
    if (sh.Selected(u.code)) {
      out.unchecked.push_back(Worded(u));
      gaps = true;
    }
  rt.dependencies.reserve(ta.paths.size());
  for (auto& p : ta.paths) {
    rt.dependencies.push_back(ToDependency(p));
    for (const auto& u : p.unchecked)
      if (sh.Selected(u.code)) {
        out.unchecked.push_back(Worded(u));
        gaps = true;
      }
    if (!p.reachable.has_value()) {
      // Undecided: explained by a warning on the path, or by missing data.
      bool explained = std::any_of(p.faults.begin(), p.faults.end(), [&](const analysis::Fault& f) {
        return f.severity == report::Severity::kWarning && sh.Selected(f.code);
      });
      if (!explained) gaps = true;
    }
  }

  // Subnet-scoped blockers: a blocker where every subnet fails, a warning otherwise.
  std::set<std::string> all(t.subnets.begin(), t.subnets.end());
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
  out.verdict = std::max(out.verdict, v);
  out.targets.push_back(std::move(rt));
  // This target's analysis is in its report now: free it as the report grows, so the two are
  // never both whole in memory.
  std::vector<analysis::PathResult>().swap(ta.paths);
}

Chunk DiagnoseChunk(const Shared& sh, Worker& w, std::vector<analysis::Target> targets) {
  analysis::Analysis an = analysis::Analyze(sh.model, std::move(targets), sh.tasks_by_group, w.traces);
  checks::FindingSink sink;
  const checks::CheckContext ctx{sh.model, an.targets, w.memo};
  for (const checks::CheckDef* c : sh.checks) c->run(ctx, sink);
  w.memo.Clear();  // it points into this chunk's analysis

  Chunk out;
  out.findings = sink.TakeFindings();
  out.unchecked = sink.TakeUnchecked();
  std::erase_if(out.unchecked, [&](const report::Unchecked& u) {
    const std::optional<Code> c = ParseCode(u.check);
    return c && !sh.Selected(*c);
  });
  AttachRuntimeEvidence(an, out.findings, [&sh](Code c) { return sh.Selected(c); });

  // Each target's findings, found by key rather than by scanning every finding per target.
  std::unordered_map<std::string_view, std::vector<report::Finding*>> findings_of;
  for (auto& f : out.findings) findings_of[f.target].push_back(&f);
  static const std::vector<report::Finding*> kNone;
  out.targets.reserve(an.targets.size());
  for (auto& ta : an.targets) {
    auto it = findings_of.find(ta.target.Key());
    AddTarget(sh, w, ta, it != findings_of.end() ? it->second : kNone, out);
  }
  return out;
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
  auto resolved = analysis::ResolveTargets(model, q, &rep.input_notes);
  if (!resolved) return tl::unexpected(resolved.error());
  std::vector<analysis::Target>& targets = *resolved;

  // Which codes are selected, decided once (unchecked entries and path faults ask per entry).
  Shared sh{model, analysis::IndexTasksByGroup(model), {}, {}};
  for (const checks::CheckDef* c : checks::AllChecks()) {
    const bool on = checks::IsSelected(c->info, options.select, options.ignore);
    sh.on[static_cast<size_t>(c->info.code)] = on;
    if (on) sh.checks.push_back(c);
  }

  // Chunks of 256 to 1,024 targets, at most 16 below that: the checks' per-run set-up (an
  // index of the model some of them build) is paid a bounded number of times, and a chunk's
  // derived data (a dozen kilobytes of IAM evaluation per target) stays small. At least one
  // chunk, as the checks always ran, even for an input with no target.
  const size_t per = std::clamp<size_t>((targets.size() + 15) / 16, 256, 1024);
  const size_t chunks = std::max<size_t>(1, (targets.size() + per - 1) / per);
  const size_t threads = ThreadsFor(chunks);
  std::vector<Worker> workers(threads);
  OrderedParallel(
      chunks, threads, 2 * threads,
      [&](size_t i, size_t worker) {
        const size_t begin = std::min(i * per, targets.size());
        const size_t end = std::min(begin + per, targets.size());
        return DiagnoseChunk(sh, workers[worker], {std::make_move_iterator(targets.begin() + begin),
                                                   std::make_move_iterator(targets.begin() + end)});
      },
      [&](Chunk c) {
        std::move(c.findings.begin(), c.findings.end(), std::back_inserter(rep.findings));
        std::move(c.unchecked.begin(), c.unchecked.end(), std::back_inserter(rep.unchecked));
        std::move(c.targets.begin(), c.targets.end(), std::back_inserter(rep.targets));
        rep.verdict = std::max(rep.verdict, c.verdict);
      });
  report::Canonicalize(rep);
  rep.vpcs = BuildVpcMaps(model, rep.targets);
  if (options.aws_cli) report::MarkCommandsNeedingNewerCli(rep, *options.aws_cli);
  return rep;
}

}  // namespace fd::engine
