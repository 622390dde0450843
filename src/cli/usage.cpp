#include "cli/usage.h"

#include <algorithm>
#include <ostream>

#include "cli/commands.h"
#include "util/strings.h"

namespace fd::cli {

int Fail(std::ostream& err, std::string_view message) {
  std::string line(message);
  std::replace(line.begin(), line.end(), '\n', ' ');
  err << "fargate-doctor: error: " << line << '\n';
  return kExitUsage;
}

std::vector<std::string> Items(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& value : raw) {
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t end = value.find(',', pos);
      if (end == std::string::npos) end = value.size();
      std::string item(util::Trim(std::string_view(value).substr(pos, end - pos)));
      if (!item.empty()) out.push_back(std::move(item));
      pos = end + 1;
    }
  }
  return out;
}

}  // namespace fd::cli
