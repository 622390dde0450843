// What the CloudFormation and Terraform renderings share (fix/template.h).
#include "fix/template.h"

#include <cctype>

#include "util/overload.h"
#include "util/strings.h"

namespace fd::fix {
namespace {

using util::Overload;

/// The words of `text`: runs of letters and digits.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += c;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

}  // namespace

std::vector<std::string> PlaceholdersOf(const Step& s) {
  using V = std::vector<std::string>;
  return std::visit(Overload{[](const ElasticIp&) { return V{"<eipalloc-id>"}; },
                             // checks write <nat-id> (net002), the planner analysis::kPlannedNat
                             [](const NatGateway&) { return V{"<nat-id>", "<new-nat-id>"}; },
                             // fw004 writes <new-sg-id>, the endpoint group (check_util) <endpoint-sg-id>
                             [](const SecurityGroup&) { return V{"<new-sg-id>", "<endpoint-sg-id>"}; },
                             [](const auto&) { return V{}; }},
                    s);
}

std::string NewResources::Name(const std::string& base) {
  std::string name = base;
  for (int n = 2; declared_.count(name) || used_.count(name); ++n) name = base + std::to_string(n);
  used_.insert(name);
  return name;
}

const NewResources::New* NewResources::Find(const std::string& placeholder) const {
  auto it = bound_.find(placeholder);
  return it == bound_.end() ? nullptr : &it->second;
}

const Declared* NewResources::Declaration(const std::string& id) const {
  auto it = declared_.find(id);
  return it == declared_.end() ? nullptr : &it->second;
}

std::string CamelCase(std::string_view text) {
  std::string out;
  for (std::string w : Words(text)) {
    w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    out += w;
  }
  return out;
}

std::string SnakeCase(std::string_view text) { return util::Lower(util::Join(Words(text), "_")); }

std::string EndpointService(const std::string& service_name) {
  // com.amazonaws.<region>.<service>: the Region is the third label.
  const std::string prefix = "com.amazonaws.";
  if (service_name.rfind(prefix, 0) != 0) return service_name;
  const size_t region_end = service_name.find('.', prefix.size());
  return region_end == std::string::npos ? service_name : service_name.substr(region_end + 1);
}

std::vector<ShorthandItem> ParseShorthand(std::string_view text) {
  std::vector<ShorthandItem> out;
  ShorthandItem item;
  std::string field;
  auto end_field = [&] {
    const size_t eq = field.find('=');
    if (eq != std::string::npos && eq > 0) item.emplace_back(field.substr(0, eq), field.substr(eq + 1));
    field.clear();
  };
  for (char c : std::string(text) + ' ') {
    if (c == ',') {
      end_field();
    } else if (c == ' ') {
      end_field();
      if (!item.empty()) out.push_back(std::move(item));
      item.clear();
    } else {
      field += c;
    }
  }
  return out;
}

std::string NoTemplateEquivalent(std::string_view language, const Step& s) {
  std::string out = "# no " + std::string(language) + " equivalent: run";
  for (const std::string& c : Cli(s)) out += "\n#   " + c;
  return out;
}

}  // namespace fd::fix
