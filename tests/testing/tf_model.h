#pragma once
/// The Terraform mapper's tests' one way to build the model a plan declares
/// (predeploy/tf/to_model.h) in account 111122223333 and the plan's Region, diagnose it with the
/// engine as the CLI will, and locate the findings in the plan.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/diagnose.h"
#include "predeploy/tf/to_model.h"
#include "testing/tf_plan_edits.h"

namespace fd::predeploy::tf::testing {

struct PlanDiagnosis {
  DeclaredModel declared;
  report::Report report;
};

inline PlanDiagnosis DiagnosePlan(const nlohmann::json& plan) {
  PlanDiagnosis out;
  Expected<DeclaredModel> built = BuildModel({ReadEdited(plan)}, {"", "111122223333"});
  EXPECT_TRUE(built) << (built ? "" : built.error().message);
  if (!built) return out;
  out.declared = std::move(*built);
  Expected<report::Report> r = engine::Diagnose(out.declared.model, {});
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  if (!r) return out;
  Locate(*r, out.declared.origins);
  out.report = std::move(*r);
  return out;
}

}  // namespace fd::predeploy::tf::testing
