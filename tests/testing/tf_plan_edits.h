// Test helpers for Terraform plans kept as JSON: loading the repository's test plans and editing
// them the way a changed configuration would change `terraform show -json` output (a resource
// removed from planned values, changes and configuration; an attribute set, or left unwritten so
// that the plan calls it known after apply; a reference retargeted), then reading the result.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "predeploy/tf/plan.h"

namespace fd::predeploy::tf::testing {

// A plan under tests/predeploy/terraform/.
inline nlohmann::json LoadTestPlan(const std::string& name) {
  std::ifstream in(std::string(FD_SOURCE_DIR) + "/tests/predeploy/terraform/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

inline Plan ReadEdited(const nlohmann::json& plan, const std::string& file = "plan.json") {
  Expected<Plan> read = ReadPlan(plan.dump(1), file);
  if (!read) throw std::runtime_error(read.error().message);
  return std::move(*read);
}

namespace detail {
inline nlohmann::json& Entries(nlohmann::json& plan) {
  return plan["planned_values"]["root_module"]["resources"];
}
inline nlohmann::json& ConfigEntries(nlohmann::json& plan) {
  return plan["configuration"]["root_module"]["resources"];
}
template <typename F>
void EachOf(nlohmann::json& list, const std::string& address, F f) {
  for (auto& e : list)
    if (e.value("address", "") == address) f(e);
}
// The configuration entry of an instance (`aws_subnet.a[0]` → `aws_subnet.a`).
inline std::string ConfigAddress(const std::string& address) {
  return address.back() == ']' ? address.substr(0, address.rfind('[')) : address;
}
}  // namespace detail

// The resource gone from the configuration: not planned, not changed, not configured.
inline void RemoveResource(nlohmann::json& plan, const std::string& address) {
  for (auto* list : {&detail::Entries(plan), &plan["resource_changes"]}) {
    auto& l = *list;
    l.erase(
        std::remove_if(l.begin(), l.end(),
                       [&](const nlohmann::json& e) { return e.value("address", "") == address; }),
        l.end());
  }
  if (address.back() != ']') {
    auto& c = detail::ConfigEntries(plan);
    c.erase(
        std::remove_if(c.begin(), c.end(),
                       [&](const nlohmann::json& e) { return e.value("address", "") == address; }),
        c.end());
  }
}

// A resource written with constant values only, created by the plan.
inline void AddResource(nlohmann::json& plan, const std::string& type, const std::string& name,
                        const nlohmann::json& values) {
  const std::string address = type + "." + name;
  const nlohmann::json identity = {
      {"address", address}, {"mode", "managed"}, {"type", type}, {"name", name}};
  nlohmann::json entry = identity;
  entry["values"] = values;
  detail::Entries(plan).push_back(entry);
  nlohmann::json change = identity;
  change["change"] = {{"actions", {"create"}},
                      {"before", nullptr},
                      {"after", values},
                      {"after_unknown", {{"id", true}}}};
  plan["resource_changes"].push_back(change);
  nlohmann::json config = identity;
  for (const auto& [key, value] : values.items())
    config["expressions"][key] = {{"constant_value", value}};
  detail::ConfigEntries(plan).push_back(config);
}

// `key = value` written as a constant.
inline void SetConstant(nlohmann::json& plan, const std::string& address, const std::string& key,
                        const nlohmann::json& value) {
  detail::EachOf(detail::Entries(plan), address,
                 [&](nlohmann::json& e) { e["values"][key] = value; });
  detail::EachOf(plan["resource_changes"], address, [&](nlohmann::json& e) {
    e["change"]["after"][key] = value;
    e["change"]["after_unknown"].erase(key);
  });
  detail::EachOf(detail::ConfigEntries(plan), detail::ConfigAddress(address),
                 [&](nlohmann::json& e) {
                   e["expressions"][key] = {{"constant_value", value}};
                 });
}

// `key` not written: the provider computes it, so the plan says known after apply.
inline void Unwrite(nlohmann::json& plan, const std::string& address, const std::string& key) {
  detail::EachOf(detail::Entries(plan), address,
                 [&](nlohmann::json& e) { e["values"].erase(key); });
  detail::EachOf(plan["resource_changes"], address, [&](nlohmann::json& e) {
    e["change"]["after"].erase(key);
    e["change"]["after_unknown"][key] = true;
  });
  detail::EachOf(detail::ConfigEntries(plan), detail::ConfigAddress(address),
                 [&](nlohmann::json& e) { e["expressions"].erase(key); });
}

// `key` computed from something only apply will know (`cidrsubnet(...)` of an unknown): no
// value, unknown, and no single reference in its expression.
inline void MakeUnknown(nlohmann::json& plan, const std::string& address, const std::string& key) {
  Unwrite(plan, address, key);
  detail::EachOf(detail::ConfigEntries(plan), detail::ConfigAddress(address),
                 [&](nlohmann::json& e) {
                   e["expressions"][key] = {{"references", {"var.a", "var.b"}}};
                 });
}

// The planned destruction of a resource: it leaves the planned values, and its change deletes.
inline void Destroy(nlohmann::json& plan, const std::string& address) {
  detail::EachOf(plan["resource_changes"], address, [&](nlohmann::json& e) {
    auto& change = e["change"];
    change["before"] = change["after"];
    change["after"] = nullptr;
    change["after_unknown"] = nlohmann::json::object();
    change["actions"] = {"delete"};
  });
  auto& l = detail::Entries(plan);
  l.erase(
      std::remove_if(l.begin(), l.end(),
                     [&](const nlohmann::json& e) { return e.value("address", "") == address; }),
      l.end());
}

// The configuration expression at a JSON pointer below a resource's `expressions`
// (`/network_configuration/0/subnets`) now references `refs`.
inline void Reference(nlohmann::json& plan, const std::string& address, const std::string& pointer,
                      const std::vector<std::string>& refs) {
  detail::EachOf(detail::ConfigEntries(plan), detail::ConfigAddress(address),
                 [&](nlohmann::json& e) {
                   e["expressions"][nlohmann::json::json_pointer(pointer)] = {{"references", refs}};
                 });
}

}  // namespace fd::predeploy::tf::testing
