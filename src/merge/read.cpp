#include "merge/read.h"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <optional>
#include <vector>

#include "util/build_info.h"

namespace fd::merge {
namespace {

// The contract this build reads (kReportSchema, "fargate-doctor/report/v1"): reports of another
// major version are refused, not guessed at.
constexpr std::string_view kSchemaPrefix = kReportSchema.substr(0, kReportSchema.rfind('/') + 1);
constexpr std::string_view kSchemaMajor = kReportSchema.substr(kReportSchema.rfind('/') + 1);

using nlohmann::json;

/// Where a value sits in its document, built on the stack as the reader descends and spelt as
/// a JSON pointer only when something there is wrong (so reading costs no strings).
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  ///< an object member; unused for an array element
  size_t index = std::numeric_limits<size_t>::max();

  // A Path points at its parent, so one made from a temporary would dangle once the statement
  // ends: each level is a named Path (the deleted overloads make the compiler check it).
  Path Member(std::string_view k) const& { return Path{this, k}; }
  Path Element(size_t i) const& { return Path{this, {}, i}; }
  Path Member(std::string_view k) const&& = delete;
  Path Element(size_t i) const&& = delete;
  std::string Pointer() const {
    if (parent == nullptr) return "";
    std::string token;
    if (index != std::numeric_limits<size_t>::max()) {
      token = std::to_string(index);
    } else {
      for (char c : key) token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    }
    return parent->Pointer() + "/" + token;
  }
};

/// Reads values of an expected shape; the first mismatch is kept as the error and later reads
/// return defaults, so the callers read straight through and check once.
class Shape {
 public:
  explicit Shape(const std::string& file) : file_(file) {}
  const std::optional<Error>& error() const { return error_; }

  void Fail(const Path& at, std::string_view what) {
    if (error_) return;
    const std::string ptr = at.Pointer();
    error_ = Error{ErrorCode::kInvalidInput,
                   fmt::format("{}: {} at {}: {}", file_, "not a fargate-doctor report",
                               ptr.empty() ? "/" : ptr, what)};
  }
  /// The member `key` of `obj`, or nullptr (an error unless `optional`).
  const json* Get(const json& obj, std::string_view key, const Path& at, bool optional = false) {
    if (!obj.is_object()) {
      Fail(at, "expected an object");
      return nullptr;
    }
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (!optional) Fail(at.Member(key), "missing");
      return nullptr;
    }
    return &*it;
  }
  std::string Str(const json& obj, std::string_view key, const Path& at) {
    const json* v = Get(obj, key, at);
    if (v && !v->is_string()) Fail(at.Member(key), "expected a string");
    return v && v->is_string() ? v->get<std::string>() : std::string();
  }
  /// A string, or null (read as "") where the contract allows it; absent is "" when optional.
  std::string StrOrNull(const json& obj, std::string_view key, const Path& at, bool optional = false) {
    const json* v = Get(obj, key, at, optional);
    if (v && !v->is_string() && !v->is_null()) Fail(at.Member(key), "expected a string or null");
    return v && v->is_string() ? v->get<std::string>() : std::string();
  }
  bool Bool(const json& obj, std::string_view key, const Path& at) {
    const json* v = Get(obj, key, at);
    if (v && !v->is_boolean()) Fail(at.Member(key), "expected true or false");
    return v && v->is_boolean() && v->get<bool>();
  }
  std::optional<bool> BoolOrNull(const json& obj, std::string_view key, const Path& at) {
    const json* v = Get(obj, key, at);
    if (v && !v->is_boolean() && !v->is_null()) Fail(at.Member(key), "expected true, false or null");
    if (v && v->is_boolean()) return v->get<bool>();
    return std::nullopt;
  }
  int Int(const json& obj, std::string_view key, const Path& at) {
    const json* v = Get(obj, key, at);
    if (v && (!v->is_number_integer() || v->get<long long>() < 0 ||
              v->get<long long>() > std::numeric_limits<int>::max())) {
      Fail(at.Member(key), "expected a whole number");
      return 0;
    }
    return v ? v->get<int>() : 0;
  }
  /// The array `key` of `obj`; an empty one after an error (or when optional and absent).
  const json& Array(const json& obj, std::string_view key, const Path& at, bool optional = false) {
    static const json kEmpty = json::array();
    const json* v = Get(obj, key, at, optional);
    if (v && !v->is_array()) Fail(at.Member(key), "expected an array");
    return v && v->is_array() && !error_ ? *v : kEmpty;
  }
  std::vector<std::string> Strings(const json& obj, std::string_view key, const Path& at) {
    std::vector<std::string> out;
    const json& a = Array(obj, key, at);
    const Path here = at.Member(key);
    out.reserve(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string()) Fail(here.Element(i), "expected a string");
      else out.push_back(a[i].get<std::string>());
    }
    return out;
  }
  /// One of `names` (an enumeration's values, in the enum's order), as its index.
  template <typename E, size_t N>
  E Enum(const json& obj, std::string_view key, const Path& at, const std::array<E, N>& values) {
    const std::string s = Str(obj, key, at);
    for (E v : values)
      if (report::ToString(v) == s) return v;
    if (!error_) Fail(at.Member(key), fmt::format("'{}' is not a known value", s));
    return values.front();
  }

 private:
  const std::string& file_;
  std::optional<Error> error_;
};

constexpr std::array kVerdicts = {report::Verdict::kOk, report::Verdict::kAtRisk,
                                  report::Verdict::kInconclusive, report::Verdict::kBlocked};
constexpr std::array kSeverities = {report::Severity::kInfo, report::Severity::kWarning,
                                    report::Severity::kBlocker};
constexpr std::array kActions = {report::StepAction::kPermitted, report::StepAction::kDenied,
                                 report::StepAction::kForwarded, report::StepAction::kNoRoute,
                                 report::StepAction::kUnknown};

report::Dependency ReadDependency(Shape& s, const json& j, const Path& at) {
  report::Dependency d;
  d.needed_because = s.Str(j, "needed_because", at);
  d.reachable = s.BoolOrNull(j, "reachable", at);
  d.service = s.Str(j, "service", at);
  d.subnet = s.Str(j, "subnet", at);
  d.via = s.StrOrNull(j, "via", at);
  const json& trace = s.Array(j, "trace", at);
  const Path tp = at.Member("trace");
  std::vector<report::TraceStep> steps;
  steps.reserve(trace.size());
  for (size_t i = 0; i < trace.size(); ++i) {
    const Path p = tp.Element(i);
    report::TraceStep step;
    step.action = s.Enum(trace[i], "action", p, kActions);
    step.detail = s.Str(trace[i], "detail", p);
    step.hop = s.Str(trace[i], "hop", p);
    step.resource = s.Str(trace[i], "resource", p);
    step.step = s.Str(trace[i], "step", p);
    steps.push_back(std::move(step));
  }
  d.trace = report::Trace(steps);
  return d;
}

report::Remedy ReadRemedy(Shape& s, const json& j, const Path& at) {
  report::Remedy r;
  const json& changes = s.Array(j, "changes", at);
  const Path cp = at.Member("changes");
  for (size_t i = 0; i < changes.size(); ++i) {
    report::Change c;
    c.billable = s.Bool(changes[i], "billable", cp.Element(i));
    c.commands = s.Strings(changes[i], "commands", cp.Element(i));
    c.summary = s.Str(changes[i], "summary", cp.Element(i));
    r.changes.push_back(std::move(c));
  }
  r.feasible = s.Bool(j, "feasible", at);
  r.fewest = s.Bool(j, "fewest", at);
  r.name = s.Str(j, "name", at);
  r.reason = s.StrOrNull(j, "reason", at);
  return r;
}

report::Target ReadTarget(Shape& s, const json& j, const Path& at) {
  report::Target t;
  // Account and Region are the ARN's (writers/scopes.h); checked for shape, not kept. Reports
  // written before they were added have neither.
  s.StrOrNull(j, "account", at, /*optional=*/true);
  t.arn = s.Str(j, "arn", at);
  const json& deps = s.Array(j, "dependencies", at);
  t.dependencies.reserve(deps.size());
  const Path dp = at.Member("dependencies");
  for (size_t i = 0; i < deps.size(); ++i) t.dependencies.push_back(ReadDependency(s, deps[i], dp.Element(i)));
  t.kind = s.Str(j, "kind", at);
  if (const json* l = s.Get(j, "launch", at)) {
    const Path lp = at.Member("launch");
    t.launch.assign_public_ip = s.Bool(*l, "assign_public_ip", lp);
    t.launch.platform_version = s.Str(*l, "platform_version", lp);
    t.launch.security_groups = s.Strings(*l, "security_groups", lp);
    t.launch.subnets = s.Strings(*l, "subnets", lp);
  }
  t.name = s.Str(j, "name", at);
  s.StrOrNull(j, "region", at, /*optional=*/true);
  const json& remedies = s.Array(j, "remedies", at, /*optional=*/true);
  const Path rp = at.Member("remedies");
  for (size_t i = 0; i < remedies.size(); ++i) t.remedies.push_back(ReadRemedy(s, remedies[i], rp.Element(i)));
  t.verdict = s.Enum(j, "verdict", at, kVerdicts);
  return t;
}

report::Finding ReadFinding(Shape& s, const json& j, const Path& at) {
  report::Finding f;
  f.code = s.Str(j, "code", at);
  const json& evidence = s.Array(j, "evidence", at);
  const Path ep = at.Member("evidence");
  for (size_t i = 0; i < evidence.size(); ++i) {
    const Path p = ep.Element(i);
    f.evidence.push_back({s.Str(evidence[i], "resource", p), s.Str(evidence[i], "claim", p)});
  }
  if (const json* fix = s.Get(j, "fix", at)) {
    f.fix.commands = s.Strings(*fix, "commands", at.Member("fix"));
    f.fix.summary = s.Str(*fix, "summary", at.Member("fix"));
  }
  if (const json* l = s.Get(j, "location", at, /*optional=*/true)) {
    const Path lp = at.Member("location");
    report::SourceLocation loc;
    loc.column = s.Int(*l, "column", lp);
    loc.declared_id = s.Str(*l, "declared_id", lp);
    loc.file = s.Str(*l, "file", lp);
    loc.line = s.Int(*l, "line", lp);
    loc.source = s.Str(*l, "source", lp);
    f.location = std::move(loc);
  }
  f.message = s.Str(j, "message", at);
  f.resource = s.Str(j, "resource", at);
  f.severity = s.Enum(j, "severity", at, kSeverities);
  f.slug = s.Str(j, "slug", at);
  f.target = s.Str(j, "target", at);
  return f;
}

/// A SARIF log of ours: version 2.1.0, and every run's tool is fargate-doctor with the
/// run properties the SARIF writer puts there (the merge needs the targets).
std::optional<Error> CheckSarif(const json& doc, const std::string& file) {
  Shape s(file);
  const Path root;
  if (s.Str(doc, "version", root) != "2.1.0" && !s.error())
    s.Fail(root.Member("version"), "only SARIF 2.1.0 is read");
  const json& runs = s.Array(doc, "runs", root);
  const Path runs_at = root.Member("runs");
  for (size_t i = 0; i < runs.size() && !s.error(); ++i) {
    const Path rp = runs_at.Element(i);
    const Path tool_at = rp.Member("tool");
    const json* tool = s.Get(runs[i], "tool", rp);
    const json* driver = tool ? s.Get(*tool, "driver", tool_at) : nullptr;
    const Path dp = tool_at.Member("driver");
    if (driver && s.Str(*driver, "name", dp) != "fargate-doctor" && !s.error())
      s.Fail(dp.Member("name"), "a log of another tool");
    if (driver) s.Str(*driver, "version", dp);
    s.Array(runs[i], "results", rp);
    const json* props = s.Get(runs[i], "properties", rp);
    const Path props_at = rp.Member("properties");
    const Path targets_at = props_at.Member("targets");
    const json& targets = props ? s.Array(*props, "targets", props_at) : json::array();
    for (size_t k = 0; k < targets.size(); ++k) {
      const Path tp = targets_at.Element(k);
      for (std::string_view key : {"kind", "name", "arn", "verdict"}) s.Str(targets[k], key, tp);
    }
    const json& results = s.Array(runs[i], "results", rp);
    const Path results_at = rp.Member("results");
    for (size_t k = 0; k < results.size(); ++k) {
      const Path xp = results_at.Element(k);
      const Path xpp = xp.Member("properties");
      s.Str(results[k], "ruleId", xp);
      if (const json* p = s.Get(results[k], "properties", xp)) {
        s.Str(*p, "target", xpp);
        s.Str(*p, "severity", xpp);
      }
    }
  }
  return s.error();
}

/// The byte (1-based) where `text` opens its (kMaxDepth+1)th level of arrays and objects, or 0:
/// our reports nest a dozen levels, and a value nested deeper would be copied and written
/// recursively by the SARIF merge.
constexpr size_t kMaxDepth = 256;
size_t TooDeep(std::string_view text) {
  size_t depth = 0;
  bool in_string = false, escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i + 1;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return 0;
}

}  // namespace

Expected<report::Report> ReportFromJson(const json& doc, const std::string& file) {
  Shape s(file);
  const Path root;
  report::Report r;
  const json* cov = s.Get(doc, "coverage", root);
  const Path cov_at = root.Member("coverage");
  const Path unchecked_at = cov_at.Member("unchecked");
  const json& unchecked = cov ? s.Array(*cov, "unchecked", cov_at) : json::array();
  for (size_t i = 0; i < unchecked.size(); ++i) {
    const Path p = unchecked_at.Element(i);
    r.unchecked.push_back({s.Str(unchecked[i], "check", p), s.Str(unchecked[i], "reason", p)});
  }
  const json& findings = s.Array(doc, "findings", root);
  r.findings.reserve(findings.size());
  const Path findings_at = root.Member("findings");
  for (size_t i = 0; i < findings.size(); ++i)
    r.findings.push_back(ReadFinding(s, findings[i], findings_at.Element(i)));
  const json& notes = s.Array(doc, "input_notes", root);
  const Path notes_at = root.Member("input_notes");
  for (size_t i = 0; i < notes.size(); ++i) {
    const Path p = notes_at.Element(i);
    r.input_notes.push_back({s.Str(notes[i], "file", p), s.Str(notes[i], "pointer", p),
                             s.Str(notes[i], "note", p)});
  }
  const json& targets = s.Array(doc, "targets", root);
  r.targets.reserve(targets.size());
  const Path targets_at = root.Member("targets");
  for (size_t i = 0; i < targets.size(); ++i) r.targets.push_back(ReadTarget(s, targets[i], targets_at.Element(i)));
  r.verdict = s.Enum(doc, "verdict", root, kVerdicts);
  if (s.error()) return tl::unexpected(*s.error());
  return r;
}

Expected<Loaded> ReadReport(std::string_view text, const std::string& file) {
  if (const size_t at = TooDeep(text))
    return MakeError(ErrorCode::kInvalidInput, fmt::format("{}: nested deeper than {} levels at byte {}: not a "
                                                           "report of ours", file, kMaxDepth, at));
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Parse again to learn where it broke: the exception carries the byte offset. Only for a
    // broken file, so a good one is parsed once.
    size_t at = text.size() + 1;
    try {
      const json again = json::parse(text);
    } catch (const json::parse_error& e) {
      at = e.byte;  // 1-based, as nlohmann and the snapshot reader count
    } catch (const json::exception&) {
      // A number out of range: no position; the end is the best we can say.
    }
    const bool truncated = at > text.size();
    return MakeError(ErrorCode::kInvalidJson,
                     fmt::format("{}: invalid JSON at byte {}{}", file, at,
                                 truncated ? " (the file ends early: truncated?)" : ""));
  }
  Loaded out;
  out.file = file;
  if (doc.is_object() && doc.contains("schema") && doc["schema"].is_string()) {
    const std::string schema = doc["schema"].get<std::string>();
    if (schema.rfind(kSchemaPrefix, 0) != 0)
      return MakeError(ErrorCode::kInvalidInput, fmt::format("{}: at /schema: '{}' is not a fargate-doctor "
                                                             "report schema", file, schema));
    const std::string major = schema.substr(kSchemaPrefix.size());
    if (major != kSchemaMajor)
      return MakeError(ErrorCode::kInvalidInput,
                       fmt::format("{}: at /schema: report schema {} is another major version than "
                                   "the {} this build reads; merge reports of one version",
                                   file, major, kSchemaMajor));
    Expected<report::Report> r = ReportFromJson(doc, file);
    if (!r) return tl::unexpected(r.error());
    out.report = std::move(*r);
    return out;
  }
  if (doc.is_object() && doc.contains("runs")) {
    if (std::optional<Error> e = CheckSarif(doc, file)) return tl::unexpected(*e);
    out.kind = Loaded::Kind::kSarif;
    out.sarif = std::move(doc);
    return out;
  }
  return MakeError(ErrorCode::kInvalidInput,
                   fmt::format("{}: at /: neither a fargate-doctor JSON report (no \"schema\") nor a "
                               "SARIF log (no \"runs\")", file));
}

}  // namespace fd::merge
