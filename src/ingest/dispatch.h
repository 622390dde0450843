#pragma once
/// Ingest-internal: recognises an AWS CLI document by its top-level keys (docs/design/inputs.md §1), unwraps
/// the fargate-doctor envelope, hands each recognised member to its reader and records the data
/// set in the ModelSink. Anything it does not recognise becomes one short input note.

#include "ingest/json_node.h"

namespace fd::ingest {

/// Ingests one parsed document whose root is an object.
void IngestDocument(const Node& root);

/// True when `obj` looks like a task definition as kept in a repository (register-task-definition
/// --cli-input-json): top-level `family` and `containerDefinitions`.
bool IsBareTaskDefinition(JsonValue obj);

}  // namespace fd::ingest
