#include "writers/json_writer.h"

#include <algorithm>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <ostream>

#include "util/build_info.h"
#include "util/cpus.h"
#include "util/json_string.h"
#include "util/ordered_parallel.h"
#include "writers/scopes.h"

namespace fd::writers {
namespace {

// The report is written as a stream in the exact layout of nlohmann::json::dump(2) with sorted
// keys: a whole-account report holds tens of thousands of traces, most of them shared between
// services placed the same way, so each distinct trace is rendered once and reused, and no
// document tree is built.

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

void String(std::string& out, std::string_view s) {
  if (!IsValidUtf8(s)) {
    // Rare: let the library apply its replacement rules, so the output is what it always was.
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  AppendJsonString(out, s);
}

/// Writes objects and arrays with nlohmann's pretty layout. Keys must come in sorted order.
class Writer {
 public:
  /// Appends to `out`; with a `sink`, moves what it has written there every megabyte, so a
  /// whole account's report is never held in memory at once.
  explicit Writer(std::string& out, std::ostream* sink = nullptr) : out_(out), sink_(sink) {}

  /// Moves everything written so far to the sink (if any). Returns the bytes moved in total.
  size_t Flush() {
    if (sink_ && !out_.empty()) {
      sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
      flushed_ += out_.size();
      out_.clear();
    }
    return flushed_;
  }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k) {
    Separator();
    String(out_, k);
    out_ += ": ";
    after_key_ = true;
  }
  void Value(std::string_view s) {
    Separator();
    String(out_, s);
  }
  void Bool(bool b) {
    Separator();
    out_ += b ? "true" : "false";
  }
  void Null() {
    Separator();
    out_ += "null";
  }
  void Int(long long n) {
    Separator();
    out_ += std::to_string(n);
  }
  void Strings(const std::vector<std::string>& values) {
    BeginArray();
    for (const auto& v : values) Value(v);
    EndArray();
  }
  /// Pastes text rendered by another Writer at the same depth (a shared trace).
  void Raw(const std::string& text) {
    Separator();
    out_ += text;
  }
  /// Pastes values a Part() of this writer rendered, separators included.
  void Paste(const std::string& text) {
    if (text.empty()) return;
    if (sink_ && out_.size() >= (1u << 20)) Flush();
    out_ += text;
    first_ = false;
  }
  /// A writer into `out` that continues the array or object this one is in: its values follow
  /// the ones already written here (`first`: none yet), at the same depth.
  Writer Part(std::string& out, bool first) const {
    Writer w(out);
    w.depth_ = depth_;
    w.first_ = first;
    return w;
  }
  bool first() const { return first_; }
  int depth() const { return depth_; }
  void set_depth(int d) { depth_ = d; }

 private:
  void Separator() {
    if (sink_ && out_.size() >= (1u << 20)) Flush();
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_ += ',';
    if (depth_ > 0) {
      out_ += '\n';
      out_.append(static_cast<size_t>(depth_) * 2, ' ');
    }
    first_ = false;
  }
  void Open(char c) {
    Separator();
    out_ += c;
    ++depth_;
    first_ = true;
  }
  void Close(char c) {
    --depth_;
    if (!first_) {
      out_ += '\n';
      out_.append(static_cast<size_t>(depth_) * 2, ' ');
    }
    out_ += c;
    first_ = false;
  }

  std::string& out_;
  std::ostream* sink_ = nullptr;
  size_t flushed_ = 0;
  int depth_ = 0;
  bool first_ = true;
  bool after_key_ = false;
};

void Trace(Writer& w, const report::Trace& steps) {
  w.BeginArray();
  for (const auto& s : steps) {
    w.BeginObject();
    w.Key("action");
    w.Value(report::ToString(s.action));
    w.Key("detail");
    w.Value(s.detail);
    w.Key("hop");
    w.Value(s.hop);
    w.Key("resource");
    w.Value(s.resource);
    w.Key("step");
    w.Value(s.step);
    w.EndObject();
  }
  w.EndArray();
}

/// Traces are shared between targets placed the same way (report::Trace::shared), and every
/// trace sits at the same depth, so a shared trace's rendering is kept in `traces` and reused
/// verbatim.
void Dependency(Writer& w, const report::Dependency& d,
                std::unordered_map<const void*, std::string>& traces) {
  w.BeginObject();
  w.Key("needed_because");
  w.Value(d.needed_because);
  w.Key("reachable");
  if (d.reachable) w.Bool(*d.reachable);
  else w.Null();
  w.Key("service");
  w.Value(d.service);
  w.Key("subnet");
  w.Value(d.subnet);
  w.Key("trace");
  if (d.trace.shared()) {
    auto [it, fresh] = traces.try_emplace(d.trace.id());
    if (fresh) {
      Writer sub(it->second);
      sub.set_depth(w.depth());
      Trace(sub, d.trace);
      // `sub` began with a separator for depth > 0; the shared text starts at the value.
      it->second.erase(0, it->second.find('['));
    }
    w.Raw(it->second);
  } else {
    Trace(w, d.trace);  // this dependency's own trace: written once, kept nowhere
  }
  w.Key("via");
  if (d.via.empty()) w.Null();
  else w.Value(d.via);
  w.EndObject();
}

void Launch(Writer& w, const report::Launch& l) {
  w.BeginObject();
  w.Key("assign_public_ip");
  w.Bool(l.assign_public_ip);
  w.Key("platform_version");
  w.Value(l.platform_version);
  w.Key("security_groups");
  w.Strings(l.security_groups);
  w.Key("subnets");
  w.Strings(l.subnets);
  w.EndObject();
}

void Remedy(Writer& w, const report::Remedy& r) {
  w.BeginObject();
  w.Key("changes");
  w.BeginArray();
  for (const auto& c : r.changes) {
    w.BeginObject();
    w.Key("billable");
    w.Bool(c.billable);
    w.Key("commands");
    w.Strings(c.commands);
    if (!c.edits.empty()) {  // templates and plans only
      w.Key("edits");
      w.Strings(c.edits);
    }
    w.Key("summary");
    w.Value(c.summary);
    w.EndObject();
  }
  w.EndArray();
  w.Key("feasible");
  w.Bool(r.feasible);
  w.Key("fewest");
  w.Bool(r.fewest);
  w.Key("name");
  w.Value(r.name);
  w.Key("reason");
  if (r.reason.empty()) w.Null();
  else w.Value(r.reason);
  w.EndObject();
}

void Target(Writer& w, const report::Target& t,
            std::unordered_map<const void*, std::string>& traces) {
  w.BeginObject();
  const std::string account = AccountOf(t), region = RegionOf(t);
  w.Key("account");  // null for a target without an ARN
  if (account.empty()) w.Null();
  else w.Value(account);
  w.Key("arn");
  w.Value(t.arn);
  w.Key("dependencies");
  w.BeginArray();
  for (const auto& d : t.dependencies) Dependency(w, d, traces);
  w.EndArray();
  w.Key("kind");
  w.Value(t.kind);
  w.Key("launch");
  Launch(w, t.launch);
  w.Key("name");
  w.Value(t.name);
  w.Key("region");
  if (region.empty()) w.Null();
  else w.Value(region);
  if (!t.remedies.empty()) {  // only for a target with blocked destinations
    w.Key("remedies");
    w.BeginArray();
    for (const auto& r : t.remedies) Remedy(w, r);
    w.EndArray();
  }
  w.Key("verdict");
  w.Value(report::ToString(t.verdict));
  w.EndObject();
}

void Finding(Writer& w, const report::Finding& f) {
  w.BeginObject();
  w.Key("code");
  w.Value(f.code);
  w.Key("evidence");
  w.BeginArray();
  for (const auto& e : f.evidence) {
    w.BeginObject();
    w.Key("claim");
    w.Value(e.claim);
    w.Key("resource");
    w.Value(e.resource);
    w.EndObject();
  }
  w.EndArray();
  w.Key("fix");
  w.BeginObject();
  w.Key("commands");
  w.Strings(f.fix.commands);
  if (!f.fix.edits.empty()) {  // templates and plans only: the same steps as template edits
    w.Key("edits");
    w.Strings(f.fix.edits);
  }
  w.Key("summary");
  w.Value(f.fix.summary);
  w.EndObject();
  if (f.location) {  // templates and plans only: where the resource was declared
    const report::SourceLocation& l = *f.location;
    w.Key("location");
    w.BeginObject();
    w.Key("column");
    w.Int(l.column);
    w.Key("declared_id");
    w.Value(l.declared_id);
    w.Key("file");
    w.Value(l.file);
    w.Key("line");
    w.Int(l.line);
    w.Key("source");
    w.Value(l.source);
    w.EndObject();
  }
  w.Key("message");
  w.Value(f.message);
  w.Key("resource");
  w.Value(f.resource);
  w.Key("severity");
  w.Value(report::ToString(f.severity));
  w.Key("slug");
  w.Value(f.slug);
  w.Key("target");
  w.Value(f.target);
  w.EndObject();
}

/// Every target, rendered in blocks on the CPUs the process may use and written in order: a
/// whole account's targets are most of its report (every trace), and a block of targets
/// renders independently of the others. Each thread keeps its own shared-trace renderings;
/// block buffers go back to a pool once written, so their memory is allocated once.
void Targets(Writer& w, const std::vector<report::Target>& targets) {
  constexpr size_t kBlock = 16;  // a target with its traces is tens of kilobytes
  const size_t blocks = (targets.size() + kBlock - 1) / kBlock;
  const size_t threads = ThreadsFor(blocks);
  std::vector<std::unordered_map<const void*, std::string>> traces(threads);
  std::mutex pool_mutex;
  std::vector<std::string> pool;
  const bool first = w.first();
  OrderedParallel(
      blocks, threads, 2 * threads,
      [&](size_t b, size_t worker) {
        std::string text;
        {
          std::lock_guard<std::mutex> lock(pool_mutex);
          if (!pool.empty()) {
            text = std::move(pool.back());
            pool.pop_back();
          }
        }
        text.clear();
        Writer part = w.Part(text, first && b == 0);
        const size_t end = std::min(targets.size(), (b + 1) * kBlock);
        for (size_t i = b * kBlock; i < end; ++i) Target(part, targets[i], traces[worker]);
        return text;
      },
      [&](std::string text) {
        w.Paste(text);
        std::lock_guard<std::mutex> lock(pool_mutex);
        pool.push_back(std::move(text));
      });
}

}  // namespace

namespace {

size_t Render(report::Report& r, std::string& out, std::ostream* sink) {
  report::Canonicalize(r);
  out.reserve(1 << 16);
  Writer w(out, sink);
  w.BeginObject();
  w.Key("coverage");
  w.BeginObject();
  w.Key("unchecked");
  w.BeginArray();
  for (const auto& u : r.unchecked) {
    w.BeginObject();
    w.Key("check");
    w.Value(u.check);
    w.Key("reason");
    w.Value(u.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  if (!r.edits_language.empty()) {  // templates and plans only: what `edits` are written in
    w.Key("edits_language");
    w.Value(r.edits_language);
  }
  w.Key("findings");
  w.BeginArray();
  for (const auto& f : r.findings) Finding(w, f);
  w.EndArray();
  w.Key("input_notes");
  w.BeginArray();
  for (const auto& n : r.input_notes) {
    w.BeginObject();
    w.Key("file");
    w.Value(n.file);
    w.Key("note");
    w.Value(n.note);
    w.Key("pointer");
    w.Value(n.pointer);
    w.EndObject();
  }
  w.EndArray();
  w.Key("schema");
  w.Value(kReportSchema);
  w.Key("targets");
  w.BeginArray();
  Targets(w, r.targets);
  w.EndArray();
  w.Key("verdict");
  w.Value(report::ToString(r.verdict));
  w.EndObject();
  out += '\n';
  return w.Flush() + out.size();
}

}  // namespace

std::string RenderJson(report::Report r) {
  std::string out;
  Render(r, out, nullptr);
  return out;
}

size_t WriteJson(report::Report r, std::ostream& sink) {
  std::string buffer;
  return Render(r, buffer, &sink);
}

}  // namespace fd::writers
