#pragma once
/// `fargate-doctor policy simulate`: the offline twin of `aws iam simulate-custom-policy` and,
/// with `--principal ROLE_ARN PATH...`, of `aws iam simulate-principal-policy` over a snapshot
/// (the role's policies, boundary, SCPs/RCPs and resource policies, built as the IAM checks
/// build them), with the same option names and the AWS CLI's JSON output shape.

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace fd::cli {

struct SimulateFlags {
  std::vector<std::string> policy_inputs;    ///< --policy-input-list (JSON text or file://path)
  std::vector<std::string> boundary_inputs;  ///< --permissions-boundary-policy-input-list
  std::string resource_policy;               ///< --resource-policy
  std::string resource_owner;                ///< --resource-owner (account ID or arn:...:root)
  std::string caller_arn;                    ///< --caller-arn
  std::vector<std::string> action_names;     ///< --action-names
  std::vector<std::string> resource_arns;    ///< --resource-arns (default "*")
  std::vector<std::string> context_entries;  ///< --context-entries (shorthand or JSON)
  std::vector<std::string> unknown_keys;     ///< --unknown-context-keys (our extension)
  std::string principal;                     ///< --principal ROLE_ARN (simulate-principal-policy)
  std::vector<std::string> paths;            ///< snapshot files or folders (with --principal)
};

/// Adds `policy` with its `simulate` subcommand to `app`; returns the `simulate` subcommand.
CLI::App* AddPolicyCommand(CLI::App& app, SimulateFlags& flags);

/// Runs the simulation and prints {"EvaluationResults":[...]} to `out`. Exit code: 0 every
/// result allowed, 1 some result denied, 3 none denied but some unknown, 2 usage error (also a
/// --principal role the snapshot does not hold: one line naming the ARN and the roles it has).
int RunPolicySimulate(const SimulateFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace fd::cli
