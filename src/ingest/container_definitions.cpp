#include "ingest/container_definitions.h"

#include <utility>

#include "ingest/json_doc.h"
#include "ingest/readers.h"

namespace fd::ingest {

Expected<std::vector<model::ContainerDefinition>> ReadContainerDefinitions(std::string_view json,
                                                                           const std::string& name,
                                                                           model::ModelSink& sink) {
  // Read as the containerDefinitions member of a task definition, so every field is read by
  // ReadTaskDefinition's own code and pointers read /containerDefinitions/N/...
  const std::string text = "{\"containerDefinitions\":" + std::string(json) + "\n}";
  Expected<JsonDoc> doc = JsonDoc::Parse(text, name);
  if (!doc) return tl::unexpected(doc.error());
  const std::optional<JsonValue> list = doc->root().Find("containerDefinitions");
  // One member: text such as `[], "x": 1` is not a list, though wrapped it parses.
  if (!list || !list->IsArray() || doc->root().Size() != 1)
    return MakeError(ErrorCode::kInvalidInput, name + ": container definitions are a JSON list");
  FileContext ctx{&sink, name, "", "", nullptr};
  return ReadTaskDefinition(Node(doc->root(), ctx)).containers;
}

}  // namespace fd::ingest
