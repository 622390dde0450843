#include "predeploy/value.h"

namespace fd::predeploy {

std::string ToString(const SourcePos& pos) {
  if (pos.line == 0) return pos.file;
  return pos.file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

}  // namespace fd::predeploy
