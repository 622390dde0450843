// Small operations on resolved values that several intrinsics share: a value as text, a Text
// built from parts, whether anything in a value is still unknown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "predeploy/value.h"

namespace fd::predeploy::cfn {

// The Unknown of a value left unresolved once a run's work budget is spent (resolver.h).
inline constexpr const char kTooLarge[] =
    "not resolved: the templates make more values than fargate-doctor resolves";

// A scalar value as CloudFormation turns it into text (Fn::Join, Fn::Sub, keys): strings as
// they are, numbers and booleans written out; nullopt for anything else.
std::optional<std::string> ScalarText(const Value& v);

// Appends `v` to `text`: a scalar's text, a ResourceRef, an Unknown, or a Text's parts.
// False for a list, map or null, which no string can hold.
bool AppendPart(Text& text, const Value& v);
void AppendPart(Text& text, std::string s);

// The value a Text amounts to: a string when every part is known, the part itself when there is
// one, else the Text.
Value Collapse(Text text, SourcePos pos);

// A string or Text cut at each `delimiter` (not empty), as Fn::Split and list parameters cut:
// a Text's strings are cut, its ResourceRefs (IDs, never holding a delimiter) kept whole. nullopt
// for anything else, and for a Text with an Unknown part, which might hold the delimiter.
std::optional<List> SplitParts(const Value& v, const std::string& delimiter);

// The first Unknown in `v` (depth first), or nullptr.
const Unknown* FirstUnknown(const Value& v);
// True when nothing in `v` is unknown or a reference: its text is final.
bool IsFullyKnown(const Value& v);
// How many values `v` holds, itself included: the cost of copying it.
std::size_t CountValues(const Value& v);

// Compact JSON of a fully known value (Fn::ToJsonString); nullopt otherwise.
std::optional<std::string> ToJson(const Value& v);
std::string Base64Encode(const std::string& bytes);

}  // namespace fd::predeploy::cfn
