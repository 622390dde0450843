// libFuzzer target: the IAM policy parser and evaluator. The input is three lines (action,
// resource ARN, one context entry KEY=VALUE) and then a policy document; the policy is parsed and,
// when it parses, evaluated for that request in every role it can play (identity, resource,
// boundary, endpoint, session), same- and cross-account. Every answer is acceptable; a crash,
// hang or sanitizer report is not.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz/targets.h"
#include "iam/evaluate.h"
#include "iam/policy.h"

namespace {

std::string_view Line(std::string_view& rest) {
  const size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

}  // namespace

namespace fd::fuzz {

int IamPolicy(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view action = Line(rest), resource = Line(rest), entry = Line(rest);
  auto parsed = fd::iam::ParsePolicy(rest);
  if (!parsed) return 0;
  auto policy = std::make_shared<const fd::iam::Policy>(std::move(*parsed));

  fd::iam::Request q;
  q.principal_arn = "arn:aws:sts::111122223333:assumed-role/exec/ecs-task";
  q.action = std::string(action);
  q.resource_arn = resource.empty() ? "*" : std::string(resource);
  if (const size_t eq = entry.find('='); eq != std::string_view::npos)
    q.context.Set(entry.substr(0, eq), std::string(entry.substr(eq + 1)));
  const fd::iam::NamedPolicy named{"fuzz", policy};
  for (int shape = 0; shape < 5; ++shape) {
    fd::iam::PolicySet set;
    if (shape != 1) set.identity.push_back(named);
    if (shape == 1) set.resource = named;
    if (shape == 2) set.permissions_boundary = named;
    if (shape == 3) set.endpoint = named;
    if (shape == 4) set.session.push_back(named);
    fd::iam::Evaluate(q, set);
    q.resource_account = "444455556666";  // cross-account: both sides must allow
    fd::iam::Evaluate(q, set);
    q.resource_account.clear();
  }
  return 0;
}

}  // namespace fd::fuzz

FD_FUZZ_ENTRY(fd::fuzz::IamPolicy)
