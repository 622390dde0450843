#pragma once
/// Ingest-internal: one place that turns a policy document, in any of the three encodings AWS
/// prints, into decoded JSON text (docs/design/inputs.md §1): a JSON object (IAM through the CLI) is
/// serialised compactly, a JSON string (`PolicyDocument` of a VPC endpoint, `policyText`, KMS
/// `Policy`, `ResourcePolicy`, organizations `Content`) is kept as is, and an RFC 3986
/// URL-encoded string (the raw IAM API: "%7B%22Version%22…") is percent-decoded. The text is
/// not parsed further here: the policy engine (src/iam) does that.

#include <optional>
#include <string>
#include <string_view>

#include "ingest/json_node.h"

namespace fd::ingest {

/// Decodes a policy document held in a JSON string: JSON text as is, URL-encoded text
/// percent-decoded ('+' stays '+', as RFC 3986 wants). nullopt when the text is neither (a
/// broken escape, or decoded text that does not start with '{').
std::optional<std::string> DecodePolicyString(std::string_view text);

/// The policy document at member `key` of `owner`, decoded; nullopt when absent or null, and
/// a note when it is present but unusable (a number, an undecodable string).
std::optional<std::string> PolicyText(const Node& owner, std::string_view key);

}  // namespace fd::ingest
