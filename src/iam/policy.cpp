// Policy document parsing (stub: the parser lands in the next commit).
#include "iam/policy.h"

namespace fd::iam {

bool IsNegated(ConditionOperator) { return false; }
std::string Statement::Label() const { return sid.empty() ? "#" + std::to_string(index) : sid; }
Expected<Policy> ParsePolicy(std::string_view) {
  return MakeError(ErrorCode::kInvalidInput, "policy parser not implemented yet");
}
bool MatchActionPattern(std::string_view, std::string_view) { return false; }
bool MatchArnPattern(std::string_view, std::string_view) { return false; }
bool MatchGlob(std::string_view, std::string_view) { return false; }

}  // namespace fd::iam
