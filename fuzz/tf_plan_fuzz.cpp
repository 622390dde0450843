// libFuzzer target: the Terraform plan reader (predeploy/tf). The input is read as a plan and,
// when it reads, every value of every resource is walked, references and unknowns included;
// recognition by content runs on it too. Any answer -- a plan, an error, notes -- is acceptable;
// a crash, a hang or a sanitizer report is not; nor is a resource without address, type or
// attribute map, or a value placed before the first line.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/targets.h"
#include "predeploy/tf/plan.h"

namespace {

using fd::predeploy::Value;

// Walks a value without recursion (the reader bounds nesting, but the walk need not rely on it).
void Walk(const Value& root) {
  std::vector<const Value*> todo{&root};
  while (!todo.empty()) {
    const Value* v = todo.back();
    todo.pop_back();
    if (const auto* list = v->AsList())
      for (const Value& e : *list) todo.push_back(&e);
    if (const auto* map = v->AsMap())
      for (const auto& [key, e] : *map) todo.push_back(&e);
    if (v->pos.line < 0 || v->pos.column < 0) std::abort();
  }
}

}  // namespace

namespace fd::fuzz {

int TfPlan(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)fd::predeploy::tf::IsTerraformPlan(text);
  auto plan = fd::predeploy::tf::ReadPlan(text, "fuzz.json");
  if (!plan) {
    if (plan.error().message.empty()) std::abort();
    return 0;
  }
  for (const auto* list : {&plan->resources, &plan->deleted})
    for (const auto& r : *list) {
      if (r.id.empty() || r.type.empty() || !r.properties.AsMap()) std::abort();
      Walk(r.properties);
    }
  return 0;
}

}  // namespace fd::fuzz

FD_FUZZ_ENTRY(fd::fuzz::TfPlan)
