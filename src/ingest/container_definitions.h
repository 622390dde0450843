#pragma once
/// Container definitions written somewhere other than an AWS CLI answer (a Terraform
/// `container_definitions` string, a CloudFormation property turned into JSON), read by the same
/// code that reads them from `describe-task-definition`, so they mean the same.

#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "util/error.h"

namespace fd::ingest {

/// Reads a JSON array of ECS container definitions (ContainerDefinition, ECS API Reference).
/// `name` is what notes and SourceRefs name as the file. Items that are not objects become
/// notes in `sink`. Errors: kInvalidJson, or kInvalidInput when the text is not an array.
Expected<std::vector<model::ContainerDefinition>> ReadContainerDefinitions(std::string_view json,
                                                                           const std::string& name,
                                                                           model::ModelSink& sink);

}  // namespace fd::ingest
