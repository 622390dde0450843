// A resource's planned attribute values as predeploy::Values: what the plan knows, what it will
// know only after apply (from `after_unknown`; a reference when the configuration says where the
// value comes from), and what it must not show (`sensitive_values`, `after_sensitive`).
#pragma once

#include <string>

#include "predeploy/tf/config_index.h"
#include "predeploy/tf/pos_json.h"
#include "predeploy/value.h"

namespace fd::predeploy::tf {

// What the plan says about one place of a resource's values besides the value itself, each
// walked in step with it. Terraform writes the unknown and sensitive markers as trees of the
// value's shape whose leaves are `true` at the marked places.
struct Overlay {
  const PosNode* unknown = nullptr;     // after_unknown here
  const PosNode* sensitive[2] = {};     // sensitive_values, after_sensitive (or before_*)
  const PosNode* expression = nullptr;  // the configuration (a block or an expression) here
  // Steps taken inside an expression: 0 at it; 1 at an element of a list written as one
  // expression (`security_groups = [aws_security_group.a.id]`).
  int steps_into_expression = 0;
  // At a list element: whether it is the list's only unknown element.
  bool sole_unknown = true;
  // Whether the parent is a configured block (a resource's or a nested block's configuration):
  // then a member without an expression is one the configuration does not write.
  bool in_configured_block = false;
  // The attribute being read (the nearest member name; a list's elements keep their list's).
  std::string_view field;

  Overlay Member(const std::string& key) const;
  Overlay Element(std::size_t index) const;
  bool IsUnknown() const;
  // Sensitivity is inherited: everything below a sensitive place is sensitive too.
  bool IsSensitive() const;
};

// The reason every value only apply will know is given.
inline constexpr const char* kKnownAfterApply = "known after apply";
// The reason for a value only apply will know that the configuration does not write at all
// (the plan has the resource's configuration, without this attribute): the provider computes
// it. Providers give such absence a meaning: an aws_security_group written without `egress`
// has no egress rules, though its plan says `egress` is known after apply.
inline constexpr const char* kNotConfigured = "not configured (the provider sets it at apply)";
// What stands for a sensitive value: never the value itself, so nothing read can print it.
inline constexpr const char* kSensitive = "sensitive";

class ValueReader {
 public:
  // `instance_key`: the key of the resource instance read (`0`, `"a"`), "" for none.
  ValueReader(const PosJson& doc, const ConfigIndex& config, std::string module,
              std::string instance_key = {})
      : doc_(doc), config_(config), module_(std::move(module)),
        instance_key_(std::move(instance_key)) {}

  // `values` (null when the plan gives none) as a Map, with the unknown members the overlay adds.
  Value ReadAttributes(const PosNode* values, const Overlay& overlay, SourcePos pos) const;

 private:
  Value Read(const PosNode& node, const Overlay& overlay, SourcePos pos) const;
  Value ReadMap(const PosNode* node, const Overlay& overlay, SourcePos pos) const;
  Value ReadList(const PosNode& node, const Overlay& overlay, SourcePos pos) const;
  Value UnknownValue(const Overlay& overlay, SourcePos pos) const;

  const PosJson& doc_;
  const ConfigIndex& config_;
  std::string module_;
  std::string instance_key_;
};

}  // namespace fd::predeploy::tf
