#pragma once
/// The report as plain data: what every output format renders. It is deliberately free of
/// model types (the writers never see the model), so the JSON contract of docs/design/report.md is
/// exactly this structure, and the text, SARIF and Markdown writers render the same facts.

#include <cstddef>
#include <initializer_list>
#include <iosfwd>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fix/step.h"
#include "util/source_ref.h"

namespace fd::report {

enum class Severity { kInfo, kWarning, kBlocker };
/// Ordered by how bad it is: the target's verdict is the worst of its parts.
enum class Verdict { kOk, kAtRisk, kInconclusive, kBlocked };
enum class StepAction { kPermitted, kDenied, kForwarded, kNoRoute, kUnknown };

std::string_view ToString(Severity s);       ///< "info" | "warning" | "blocker"
std::string_view ToString(Verdict v);        ///< "ok" | "at-risk" | "inconclusive" | "blocked"
std::string_view ToString(StepAction a);     ///< "permitted" | "denied" | "forwarded" | "no-route" | "unknown"

/// An immutable string kept once per process, however many trace steps repeat it: a whole
/// account's traces say "eni (task)", "network-acl egress" and the same rule texts hundreds of
/// thousands of times, and one shared copy each is what keeps a diagnosis' memory near the
/// size of its input. Reads like a const std::string.
class Text {
 public:
  Text();
  Text(std::string_view s);  // NOLINT(google-explicit-constructor): interns
  Text(const std::string& s) : Text(std::string_view(s)) {}  // NOLINT(google-explicit-constructor)
  Text(const char* s) : Text(std::string_view(s)) {}         // NOLINT(google-explicit-constructor)

  const std::string& str() const { return *s_; }
  operator const std::string&() const { return *s_; }  // NOLINT(google-explicit-constructor)
  operator std::string_view() const { return *s_; }    // NOLINT(google-explicit-constructor)
  bool empty() const { return s_->empty(); }
  std::size_t size() const { return s_->size(); }
  const char* c_str() const { return s_->c_str(); }
  const char* data() const { return s_->data(); }

  /// A new text with `more` appended (this one is unchanged in the pool).
  Text& operator+=(std::string_view more) { return *this = Text(*s_ + std::string(more)); }

  /// Interned: equal texts share one string, so equality is identity.
  friend bool operator==(const Text& a, const Text& b) { return a.s_ == b.s_; }
  friend bool operator<(const Text& a, const Text& b) { return *a.s_ < *b.s_; }
  friend bool operator==(const Text& a, std::string_view b) { return *a.s_ == b; }
  friend bool operator==(const Text& a, const char* b) { return *a.s_ == b; }
  friend bool operator==(const Text& a, const std::string& b) { return *a.s_ == b; }
  friend std::ostream& operator<<(std::ostream& os, const Text& t);
  friend std::string operator+(const Text& a, std::string_view b) { return *a.s_ + std::string(b); }
  friend std::string operator+(std::string_view a, const Text& b) { return std::string(a) + *b.s_; }

 private:
  const std::string* s_;
};

/// One step of a hop-by-hop trace, in the order a packet meets them.
struct TraceStep {
  Text hop;       ///< "eni (task)", "subnet subnet-… (task)", "nat-…", "vpce-…", "dns"
  Text resource;  ///< the AWS resource that decided: sg-…, acl-…, rtb-…, nat-…
  Text step;      ///< "security-group egress", "network-acl egress", "route lookup", …
  StepAction action = StepAction::kUnknown;
  Text detail;    ///< the rule or fact that decided, e.g. "rule tcp 443 -> 0.0.0.0/0"
};

/// The steps of one trace. Immutable once built and often shared by many dependencies (every
/// service placed the same way has the same path), so it is held by a shared pointer and
/// copying it is cheap. Its steps are interned too: traces of services in the same subnet
/// differ in a step or two (their own security group), and every other step is stored once.
/// It reads like a vector of TraceStep.
class Trace {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = TraceStep;
    using difference_type = std::ptrdiff_t;
    using pointer = const TraceStep*;
    using reference = const TraceStep&;
    Iterator() = default;
    explicit Iterator(const TraceStep* const* p) : p_(p) {}
    const TraceStep& operator*() const { return **p_; }
    const TraceStep* operator->() const { return *p_; }
    Iterator& operator++() {
      ++p_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++p_;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.p_ == b.p_; }

   private:
    const TraceStep* const* p_ = nullptr;
  };

  Trace() = default;
  Trace(const std::vector<TraceStep>& steps);  // NOLINT(google-explicit-constructor): reads as a vector
  Trace(std::initializer_list<TraceStep> steps) : Trace(std::vector<TraceStep>(steps)) {}

  /// True when other dependencies hold the same steps (one path shared by many services).
  bool shared() const { return steps_ && steps_.use_count() > 1; }
  /// Identifies the shared steps: equal for copies of one trace.
  const void* id() const { return steps_.get(); }
  Iterator begin() const { return Iterator(list().data()); }
  Iterator end() const { return Iterator(list().data() + list().size()); }
  size_t size() const { return list().size(); }
  bool empty() const { return list().empty(); }
  const TraceStep& operator[](size_t i) const { return *list()[i]; }
  const TraceStep& front() const { return *list().front(); }
  const TraceStep& back() const { return *list().back(); }

 private:
  const std::vector<const TraceStep*>& list() const { return steps_ ? *steps_ : Empty(); }
  static const std::vector<const TraceStep*>& Empty() {
    static const std::vector<const TraceStep*> kEmpty;
    return kEmpty;
  }
  std::shared_ptr<const std::vector<const TraceStep*>> steps_;
};

/// A destination a start needs, evaluated from one subnet.
/// A need of a target in one subnet. Its texts repeat across the target's subnets and across
/// targets (the same service, subnet and gateway for hundreds of dependencies), so they are
/// interned like trace steps.
struct Dependency {
  Text service;         ///< ecr.api | ecr.dkr | s3 | logs | secretsmanager | ssm | registry:<host> | …
  Text needed_because;  ///< "image 1111….dkr.ecr…/api:1.4 (container web)"
  Text subnet;
  std::optional<bool> reachable;  ///< nullopt: could not be decided
  Text via;                       ///< nat-… | igw-… | vpce-… | local | "" (null)
  Trace trace;
};

struct Launch {
  std::string platform_version;
  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;
  bool assign_public_ip = false;
};

/// One change of a remedy: what to do, the commands that do it, and whether it creates a
/// resource that is billed by the hour (a NAT gateway, an interface endpoint).
struct Change {
  std::string summary;
  std::vector<std::string> commands;  ///< the AWS CLI rendering of `steps`
  bool billable = false;              ///< a step of it is billed by the hour
  std::vector<fix::Step> steps;
  /// Templates and plans only: `steps` as edits of the template or configuration, one per
  /// step (Report::edits_language says which); empty for a snapshot.
  std::vector<std::string> edits;

  /// The change made of `steps`, with its commands and cost class derived from them.
  static Change Of(std::string summary, std::vector<fix::Step> steps);
};

/// One complete way to make every blocked destination of a target reachable: every change it
/// takes, found by tracing the paths again as if the earlier changes were made.
struct Remedy {
  std::string name;         ///< "internet through nat-…", "a new NAT gateway", "VPC endpoints"
  bool feasible = true;
  std::string reason;       ///< why it cannot work (feasible == false), else ""
  bool fewest = false;      ///< the one to pick: fewest changes, then fewest billable ones
  std::vector<Change> changes;
};

struct Target {
  std::string kind;  ///< service | task | task-definition
  std::string name;
  std::string arn;
  Verdict verdict = Verdict::kOk;
  Launch launch;
  std::vector<Dependency> dependencies;
  /// For a target with blocked destinations: the alternative complete fixes (may be empty).
  std::vector<Remedy> remedies;
};

struct Evidence {
  std::string resource;
  std::string claim;
  auto operator<=>(const Evidence&) const = default;
};

struct Fix {
  std::string summary;
  std::vector<std::string> commands;  ///< the AWS CLI rendering of `steps`
  std::vector<fix::Step> steps;
  /// Templates and plans only: `steps` as edits (see Change::edits).
  std::vector<std::string> edits;

  /// The fix made of `steps`, with its commands derived from them.
  static Fix Of(std::string summary, std::vector<fix::Step> steps);
};

/// A (service, subnet) pair naming one dependency path a finding breaks.
struct PathRef {
  std::string service;
  std::string subnet;
  auto operator<=>(const PathRef&) const = default;
};

/// Where the resource of a finding was declared, when the input is a template or a plan: the
/// line to change. `line` and `column` are 1-based, 0 when the source gives no position.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string declared_id;  ///< logical ID or Terraform address
  std::string source;       ///< stack name or module instance
};

/// "file:line:column (declared_id)": how text and Markdown name a location.
std::string ToString(const SourceLocation& l);

struct Finding {
  std::string code;
  std::string slug;
  std::string title;
  Severity severity = Severity::kBlocker;
  std::string target;    ///< the target's ARN (or name when it has none)
  std::string resource;  ///< the thing the user must change
  std::string message;   ///< one sentence naming the resources, no trailing period
  std::vector<Evidence> evidence;
  Fix fix;
  /// The dependency paths this finding breaks, so a writer can draw their traces next to it.
  /// Not part of the JSON contract (the traces are under targets[].dependencies).
  std::vector<PathRef> paths;
  /// Subnets whose placements this finding breaks; empty = the whole target.
  std::vector<std::string> subnets;
  /// Templates and plans only: where `resource` was declared.
  std::optional<SourceLocation> location;
};

/// True when `f` is about `t`: findings name their target by ARN, or by name when it has none.
inline bool Owns(const Target& t, const Finding& f) {
  return f.target == t.arn || (t.arn.empty() && f.target == t.name);
}

struct Unchecked {
  std::string check;
  std::string reason;
  auto operator<=>(const Unchecked&) const = default;
};

/// The network around the targets, as the snapshot describes it, for drawings (the HTML
/// report's VPC map). Facts of the input, not conclusions: what is broken comes from the
/// findings and traces. Not part of the JSON contract (interface.md), and only the VPCs that
/// hold a target's subnet, with the subnets that matter to a target: its own and those of the
/// VPC's NAT gateways and interface endpoints.
struct MapRoute {
  std::string destination;  ///< a CIDR or a prefix-list ID
  std::string target;       ///< igw-…, nat-…, vpce-…, local, …
  bool blackhole = false;
};

struct MapRouteTable {
  std::string id;
  bool main = false;
  std::vector<MapRoute> routes;  ///< in the snapshot's order
};

struct MapSubnet {
  std::string id;
  std::string availability_zone;  ///< name; "" when unknown
  std::string cidr;               ///< IPv4 CIDR; "" for an IPv6-only subnet
  std::string route_table;        ///< the table that applies (explicit or main); "" when none
  std::string network_acl;        ///< "" when unknown
};

/// A NAT gateway, internet gateway (or egress-only), or VPC endpoint of the VPC.
struct MapGateway {
  std::string id;
  std::string kind;    ///< "nat" | "igw" | "eigw" | "endpoint"
  std::string detail;  ///< an endpoint's service name, a NAT gateway's connectivity type
  std::string state;   ///< available, pendingacceptance, failed, detached, …
  std::vector<std::string> subnets;  ///< where it sits (NAT gateway, interface endpoint)
};

struct VpcMap {
  std::string id;
  std::string cidr;  ///< the primary IPv4 CIDR; "" when unknown
  std::vector<MapSubnet> subnets;          ///< by AZ, then ID
  std::vector<MapRouteTable> route_tables; ///< by ID: the tables of `subnets`
  std::vector<MapGateway> gateways;        ///< by kind, then ID
};

struct Report {
  Verdict verdict = Verdict::kOk;
  std::vector<Target> targets;
  std::vector<Finding> findings;
  std::vector<Unchecked> unchecked;
  std::vector<InputNote> input_notes;
  std::vector<VpcMap> vpcs;  ///< by ID; for drawings only (see VpcMap)
  /// "cloudformation" (YAML edits) or "terraform" (HCL edits) when fixes and changes carry
  /// `edits` (a template or plan was diagnosed); "" for a snapshot.
  std::string edits_language;
};

/// Sorts every array so that the same input gives byte-identical output.
void Canonicalize(Report& report);

}  // namespace fd::report
