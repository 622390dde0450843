// libFuzzer target: the JSON document parser (fast path and nlohmann SAX fallback) against
// nlohmann::json as the reference: both accept or both reject, and an accepted document reads
// the same values. Deeply nested input is compared without recursion.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/targets.h"
#include "ingest/json_doc.h"

namespace {

using fd::ingest::JsonKind;
using fd::ingest::JsonValue;

[[noreturn]] void Differ(const char* what) {
  fprintf(stderr, "json_doc differs from nlohmann: %s\n", what);
  std::abort();
}

void Compare(JsonValue ours, const nlohmann::json& theirs) {
  std::vector<std::pair<JsonValue, const nlohmann::json*>> todo{{ours, &theirs}};
  while (!todo.empty()) {
    // Not a structured binding: clang 14 cannot capture one in the lambdas below.
    const JsonValue a = todo.back().first;
    const nlohmann::json* b = todo.back().second;
    todo.pop_back();
    switch (a.kind()) {
      case JsonKind::kNull:
        if (!b->is_null()) Differ("null");
        break;
      case JsonKind::kBool:
        if (!b->is_boolean() || a.Bool() != b->get<bool>()) Differ("boolean");
        break;
      case JsonKind::kString:
        if (!b->is_string() || a.String() != b->get_ref<const std::string&>()) Differ("string");
        break;
      case JsonKind::kInteger:
      case JsonKind::kUnsigned:
      case JsonKind::kFloat: {
        if (!b->is_number()) Differ("number kind");
        // Integral values both sides read as ints must agree (floats are kept as text here).
        const std::optional<int> i = a.AsInt();
        if (i && b->is_number_integer() && b->get<long long>() != *i) Differ("integer value");
        break;
      }
      case JsonKind::kArray: {
        if (!b->is_array() || a.Size() != b->size()) Differ("array");
        size_t i = 0;
        a.ForEachChild([&](JsonValue c) { todo.emplace_back(c, &(*b)[i++]); });
        break;
      }
      case JsonKind::kObject: {
        if (!b->is_object()) Differ("object");
        // nlohmann keeps one value of a duplicated key, the readers here the first: compare
        // the values of keys written once, and the presence of every key.
        std::map<std::string_view, int> seen;
        a.ForEachChild([&](JsonValue c) { ++seen[c.Key()]; });
        if (seen.size() != b->size()) Differ("object size");
        a.ForEachChild([&](JsonValue c) {
          auto it = b->find(std::string(c.Key()));
          if (it == b->end()) Differ("object key");
          if (seen[c.Key()] == 1) todo.emplace_back(c, &*it);
        });
        break;
      }
    }
  }
}

}  // namespace

namespace fd::fuzz {

int JsonDoc(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ours = fd::ingest::JsonDoc::Parse(text, "fuzz.json");
  nlohmann::json theirs = nlohmann::json::parse(text, nullptr, false);
  if (ours.has_value() != !theirs.is_discarded()) Differ("accept/reject");
  if (ours) Compare(ours->root(), theirs);
  return 0;
}

}  // namespace fd::fuzz

FD_FUZZ_ENTRY(fd::fuzz::JsonDoc)
