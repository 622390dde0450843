#include "model/image_ref.h"

#include <cctype>
#include <functional>
#include <regex>
#include <unordered_map>

namespace fd::model {

namespace {

ImageRef Parse(std::string_view image_view) {
  ImageRef ref;
  std::string image(image_view);
  if (image.empty() || image.find(' ') != std::string::npos) return ref;
  std::string rest = image;
  if (auto at = rest.find('@'); at != std::string::npos) {
    ref.digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
    if (ref.digest.empty()) return ref;  // "name@": a digest separator with no digest
  }
  std::string host;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    std::string first = rest.substr(0, slash);
    if (first.find('.') != std::string::npos || first.find(':') != std::string::npos ||
        first == "localhost") {
      host = first;
      rest = rest.substr(slash + 1);
    }
  }
  // A tag is after the last ':' that follows the last '/'.
  auto last_slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string::npos && (last_slash == std::string::npos || colon > last_slash)) {
    ref.tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (ref.tag.empty()) return ref;  // "name:": a tag separator with no tag
  }
  if (rest.empty()) return ref;
  // Docker reference grammar (distribution/reference): lower-case path components joined by
  // '/', separators '.', '_', '__' or dashes inside a component; tags are [\w][\w.-]{0,127};
  // a digest is algorithm ':' hex (at least 32 digits).
  static const std::regex kRepository(
      R"(^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$)");
  static const std::regex kTag(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$)");
  static const std::regex kDigestRe(R"(^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$)");
  if (!std::regex_match(rest, kRepository)) return ref;
  if (!ref.tag.empty() && !std::regex_match(ref.tag, kTag)) return ref;
  if (!ref.digest.empty() && !std::regex_match(ref.digest, kDigestRe)) return ref;
  if (ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
  ref.repository = rest;

  std::string lhost = host;
  for (char& c : lhost) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.empty() || lhost == "docker.io" || lhost == "index.docker.io" ||
      lhost == "registry-1.docker.io") {
    ref.kind = RegistryKind::kDockerHub;
    ref.registry = "registry-1.docker.io";
    if (ref.repository.find('/') == std::string::npos) ref.repository = "library/" + ref.repository;
    return ref;
  }
  ref.registry = lhost;
  if (lhost == "public.ecr.aws") {
    ref.kind = RegistryKind::kEcrPublic;
    return ref;
  }
  static const std::regex kEcr(
      R"(^([0-9]{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.(amazonaws\.com(\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov|amazonaws\.eu)$)");
  static const std::regex kEcrDual(R"(^([0-9]{12})\.dkr-ecr(-fips)?\.([a-z0-9-]+)\.on\.(aws|amazonwebservices\.com\.cn)$)");
  std::smatch m;
  if (std::regex_match(lhost, m, kEcr) || std::regex_match(lhost, m, kEcrDual)) {
    ref.kind = RegistryKind::kEcrPrivate;
    ref.account = m[1];
    ref.fips = m[2].matched;
    ref.region = m[3];
    ref.dual_stack = lhost.find(".dkr-ecr") != std::string::npos;
    return ref;
  }
  if (lhost.find(".dkr.ecr.") != std::string::npos || lhost.find(".ecr.") != std::string::npos) {
    ref.kind = RegistryKind::kMalformed;  // looks like ECR but does not parse as ECR
    return ref;
  }
  ref.kind = RegistryKind::kOther;
  return ref;
}

}  // namespace

// Every check that looks at an image parses its reference again (and the grammar is checked
// with regular expressions): a small per-thread memo, emptied when full, answers the repeats.
ImageRef ParseImageRef(std::string_view image) {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  thread_local std::unordered_map<std::string, ImageRef, Hash, std::equal_to<>> memo;
  if (auto it = memo.find(image); it != memo.end()) return it->second;
  if (memo.size() >= 4096) memo.clear();
  return memo.emplace(std::string(image), Parse(image)).first->second;
}

}  // namespace fd::model
