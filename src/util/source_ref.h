#pragma once
/// Where a piece of data came from: a snapshot file (relative to the input root, never an
/// absolute path, so reports stay byte-identical across machines) and an RFC 6901 JSON pointer.
/// nlohmann-json 3.11.2 (Debian 12) has no byte positions for values, so pointers are the
/// stable way to name a place inside a file.

#include <string>

namespace fd {

struct SourceRef {
  std::string file;
  std::string pointer;

  bool empty() const { return file.empty(); }
  auto operator<=>(const SourceRef&) const = default;
};

/// A note about the input that does not stop the run: an unrecognised file, a dangling
/// reference, a duplicate that disagrees with an earlier copy (Batfish "red flags").
struct InputNote {
  std::string file;
  std::string pointer;
  std::string note;
  auto operator<=>(const InputNote&) const = default;
};

}  // namespace fd
