#pragma once
/// A file compiled into the binary (cmake/embed_files.cmake), so what it holds is there on any
/// machine and from any directory.

#include <string>

namespace fd {

struct EmbeddedFile {
  std::string name;     ///< its path relative to the embedded folder
  std::string content;  ///< its bytes
};

}  // namespace fd
