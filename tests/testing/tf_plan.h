// Test helpers for plans read by predeploy::tf: finding a resource, and everything a read plan
// holds as one text (to prove a value is nowhere in it).
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "predeploy/tf/plan.h"

namespace fd::predeploy::tf::testing {

inline const Resource* FindIn(const std::vector<Resource>& resources, std::string_view id) {
  for (const Resource& r : resources)
    if (r.id == id) return &r;
  return nullptr;
}

// Every string, number and reference a value holds, and its positions, appended to `out`.
inline void Dump(const Value& v, std::string& out) {
  out += ToString(v.pos) + " ";
  std::visit(
      [&](const auto& d) {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, std::string>) {
          out += d;
        } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, std::int64_t> ||
                             std::is_same_v<T, double>) {
          out += std::to_string(d);
        } else if constexpr (std::is_same_v<T, List>) {
          for (const Value& e : d) Dump(e, out);
        } else if constexpr (std::is_same_v<T, Map>) {
          for (const auto& [k, e] : d) {
            out += k + "=";
            Dump(e, out);
          }
        } else if constexpr (std::is_same_v<T, ResourceRef>) {
          out += d.source + "|" + d.id + "|" + d.attribute;
        } else if constexpr (std::is_same_v<T, Unknown>) {
          out += d.reason;
        } else if constexpr (std::is_same_v<T, Text>) {
          for (const Text::Part& p : d.parts)
            if (const std::string* s = std::get_if<std::string>(&p)) out += *s;
        }
      },
      v.data);
  out += "\n";
}

// The whole read result as text: resources, deleted ones, notes, versions.
inline std::string DumpPlan(const Plan& plan) {
  std::string out = plan.file + plan.format_version + plan.terraform_version + "\n";
  for (const auto* list : {&plan.resources, &plan.deleted})
    for (const Resource& r : *list) {
      out += r.source + "|" + r.id + "|" + r.type + "|" + ToString(r.pos) + "\n";
      Dump(r.properties, out);
    }
  for (const InputNote& n : plan.notes) out += n.file + n.pointer + n.note + "\n";
  return out;
}

}  // namespace fd::predeploy::tf::testing
