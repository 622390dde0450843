#include "ingest/snapshot.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "ingest/dispatch.h"
#include "ingest/json_doc.h"
#include "ingest/json_node.h"
#include "ingest/readers.h"
#include "model/arn.h"
#include "model/recording.h"
#include "util/cpus.h"
#include "util/ordered_parallel.h"

namespace fd::ingest {
namespace {

namespace fs = std::filesystem;

struct PathHints {
  std::string region;
  std::string account;
};

bool IsAccountId(std::string_view s) {
  return s.size() == 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Region and account from the folders of `path` (its last component is the file itself):
/// the deepest region-named folder, and the 12 digits after an `accounts` folder, as in
/// Batfish's aws_configs/<region>/ and aws_configs/accounts/<account>/<region>/ layouts.
PathHints HintsOf(std::string_view path) {
  PathHints hints;
  std::string_view previous;
  size_t start = 0;
  while (true) {
    size_t slash = path.find_first_of("/\\", start);
    if (slash == std::string_view::npos) break;  // the rest is the file name
    std::string_view part = path.substr(start, slash - start);
    if (LooksLikeRegion(part)) hints.region = std::string(part);
    if (previous == "accounts" && IsAccountId(part)) hints.account = std::string(part);
    if (!part.empty()) previous = part;
    start = slash + 1;
  }
  return hints;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

/// A file's text parsed (or found blank), ready to be typed into the model.
struct ParsedText {
  bool blank = false;
  std::optional<Expected<JsonDoc>> doc;  ///< absent when blank
};

ParsedText ParseText(const std::string& name, std::string_view content) {
  ParsedText out;
  out.blank = IsBlank(content);
  if (!out.blank) out.doc.emplace(JsonDoc::Parse(content, name));
  return out;
}

/// Types one parsed file into the model. `hints_path` is the path whose folders give region
/// and account.
std::optional<Error> IngestParsed(model::ModelSink& builder, const std::string& name,
                                  std::string_view hints_path, ParsedText& parsed) {
  if (parsed.blank) {
    builder.AddNote({name, "", "empty file"});
    return std::nullopt;
  }
  Expected<JsonDoc>& doc = *parsed.doc;
  if (!doc) return doc.error();
  JsonValue root = doc->root();
  if (!root.IsObject()) {
    builder.AddNote({name, "",
                     fmt::format("top-level JSON is {}, not an object: not an AWS CLI "
                                 "output fargate-doctor reads",
                                 root.KindName())});
    return std::nullopt;
  }
  PathHints hints = HintsOf(hints_path);
  std::vector<std::string> regions;
  FileContext ctx{&builder, name, std::move(hints.region), std::move(hints.account), &regions};
  ctx.Named(ctx.region_hint);
  IngestDocument(Node(root, ctx));
  for (const std::string& r : regions) builder.NoteRegion(r);
  return std::nullopt;
}

/// Ingests one file's text.
std::optional<Error> IngestText(model::ModelSink& builder, const std::string& name,
                                std::string_view hints_path, std::string_view content) {
  ParsedText parsed = ParseText(name, content);
  return IngestParsed(builder, name, hints_path, parsed);
}

/// The whole file, with as few system calls as a read allows (open, fstat, read until the end,
/// close): a snapshot is thousands of small files, and reading them through stdio cost as much
/// as parsing them.
/// Every file is bounded: one AWS CLI answer is megabytes, the largest of a 50,000-service
/// account about a hundred; a gigabyte is no AWS output, and /dev/zero or an endless pipe must
/// end in an error rather than take all memory.
constexpr size_t kMaxFileBytes = size_t{1} << 30;

Expected<std::string> ReadFile(const fs::path& path, const std::string& display) {
  auto fail = [&](const char* what) {
    return MakeError(ErrorCode::kIo, fmt::format("{}: {}: {}", display, what, std::strerror(errno)));
  };
  auto too_large = [&] {
    return MakeError(ErrorCode::kIo, fmt::format("{}: larger than {} MiB, which no AWS CLI output "
                                                 "is; not read", display, kMaxFileBytes >> 20));
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("cannot read");
  struct stat st {};
  std::string content;
  // Regular files report their size; pipes and files that grow while read are read in chunks.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<uint64_t>(st.st_size) > kMaxFileBytes) {
      ::close(fd);
      return too_large();
    }
    content.resize(static_cast<size_t>(st.st_size));
  }
  size_t used = 0;
  char probe[4096];  // once the buffer is full, the end is found without growing it
  while (true) {
    const bool full = used == content.size();
    char* into = full ? probe : content.data() + used;
    const ssize_t n = ::read(fd, into, full ? sizeof probe : content.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto error = fail("read error");
      ::close(fd);
      return error;
    }
    if (n == 0) break;
    if (used + static_cast<size_t>(n) > kMaxFileBytes) {
      ::close(fd);
      return too_large();
    }
    if (full) content.append(probe, static_cast<size_t>(n));
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  content.resize(used);
  return content;
}

struct FoundFile {
  std::string name;  ///< relative to the folder argument, '/'-separated
  fs::path path;
};

/// Every *.json file under `dir`, sorted by relative name so runs are deterministic. A folder
/// named *.incomplete is a collection that was interrupted (live/sweep.h): it is skipped, with a
/// note in `skipped`, rather than read as if it were the whole account.
Expected<std::vector<FoundFile>> ListJsonFiles(const fs::path& dir, const std::string& display,
                                               std::vector<InputNote>& skipped) {
  std::vector<FoundFile> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec)
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot list: {}", display, ec.message()));
  for (; it != end; it.increment(ec)) {
    if (ec)
      return MakeError(ErrorCode::kIo, fmt::format("{}: cannot list: {}", display, ec.message()));
    const fs::path& p = it->path();
    if (p.extension().native() == kIncompleteSuffix && it->is_directory(ec)) {
      it.disable_recursion_pending();
      skipped.push_back({(fs::path(display) / p.lexically_relative(dir)).generic_string(), "",
                         "an interrupted collection (its folder ends in .incomplete): not read; "
                         "`fargate-doctor collect --resume` finishes it"});
      continue;
    }
    if (p.extension() != ".json" || !it->is_regular_file(ec)) continue;
    files.push_back({p.lexically_relative(dir).generic_string(), p});
  }
  if (ec)
    return MakeError(ErrorCode::kIo, fmt::format("{}: cannot list: {}", display, ec.message()));
  std::sort(files.begin(), files.end(),
            [](const FoundFile& a, const FoundFile& b) { return a.name < b.name; });
  return files;
}

/// One file read, parsed and typed into a recording of its entities, on any thread; its text
/// and document are freed before it is applied, so a run holds the documents of the files in
/// hand only.
struct TypedFile {
  std::optional<Error> error;  ///< unreadable or invalid JSON: the run stops at this file
  size_t bytes = 0;
  model::ModelRecording recording;
};

TypedFile TypeFile(const FoundFile& file, std::string_view hints_path) {
  TypedFile out;
  auto text = ReadFile(file.path, file.name);
  if (!text) {
    out.error = text.error();
    return out;
  }
  out.bytes = text->size();
  ParsedText parsed = ParseText(file.name, *text);
  out.error = IngestParsed(out.recording, file.name, hints_path, parsed);
  return out;
}

}  // namespace

double ProcessCpuSeconds() {
  timespec t{};
  if (::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0) return 0;
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

Expected<void> LoadPathsInto(const std::vector<std::string>& paths, model::ModelBuilder& builder, LoadStats& st) {
  for (const std::string& arg : paths) {
    fs::path path(arg);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status))
      return MakeError(ErrorCode::kIo, fmt::format("{}: no such file or directory", arg));
    const std::string base = path.lexically_normal().generic_string();
    if (fs::is_directory(status)) {
      std::vector<InputNote> skipped;
      auto files = ListJsonFiles(path, arg, skipped);
      if (!files) return tl::unexpected(files.error());
      for (InputNote& n : skipped) builder.AddNote(std::move(n));
      // Files are read, parsed and typed into recordings on every usable CPU, and the
      // recordings applied to the model in the listing's order: notes, errors and the model are
      // exactly as if the files were read one by one.
      struct Stop {
        Error error;
      };
      try {
        OrderedParallel(
            files->size(), ThreadsFor(files->size()), 64,
            [&](size_t i, size_t) {
              const FoundFile& f = (*files)[i];
              return TypeFile(f, base.empty() || base == "." ? f.name : base + "/" + f.name);
            },
            [&](TypedFile typed) {
              if (typed.error) throw Stop{*typed.error};
              ++st.files;
              st.bytes += typed.bytes;
              std::move(typed.recording).ReplayInto(builder);
            });
      } catch (const Stop& stop) {
        return tl::unexpected(stop.error);
      }
    } else {
      std::string name = path.filename().generic_string();
      auto content = ReadFile(path, arg);
      if (!content) return tl::unexpected(content.error());
      ++st.files;
      st.bytes += content->size();
      if (auto error = IngestText(builder, name, base, *content)) return tl::unexpected(*error);
    }
  }
  return {};
}

Expected<model::Model> LoadPaths(const std::vector<std::string>& paths, LoadStats* stats) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const double cpu_start = ProcessCpuSeconds();
  LoadStats local;
  LoadStats& st = stats ? *stats : local;
  model::ModelBuilder builder;
  if (auto loaded = LoadPathsInto(paths, builder, st); !loaded) return tl::unexpected(loaded.error());
  const auto ingested = Clock::now();
  const double cpu_ingested = ProcessCpuSeconds();
  model::Model model = std::move(builder).Build();
  st.ingest_seconds = std::chrono::duration<double>(ingested - start).count();
  st.build_seconds = std::chrono::duration<double>(Clock::now() - ingested).count();
  st.ingest_cpu_seconds = cpu_ingested - cpu_start;
  st.build_cpu_seconds = ProcessCpuSeconds() - cpu_ingested;
  return model;
}

Expected<model::Model> LoadFiles(const std::vector<InputFile>& files) {
  model::ModelBuilder builder;
  for (const InputFile& f : files) {
    if (auto error = IngestText(builder, f.name, f.name, f.content)) return tl::unexpected(*error);
  }
  return std::move(builder).Build();
}

Expected<model::TaskDefinition> LoadTaskDefinitionFile(const std::string& path) {
  fs::path p(path);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec))
    return MakeError(ErrorCode::kIo, fmt::format("{}: no such file", path));
  const std::string name = p.filename().generic_string();
  auto content = ReadFile(p, path);
  if (!content) return tl::unexpected(content.error());
  auto doc = JsonDoc::Parse(*content, name);
  if (!doc) return tl::unexpected(doc.error());

  model::ModelBuilder scratch;  // notes about the file are not reported by this entry point
  PathHints hints = HintsOf(p.lexically_normal().generic_string());
  FileContext ctx{&scratch, name, std::move(hints.region), std::move(hints.account)};
  Node root(doc->root(), ctx);
  if (IsBareTaskDefinition(root.value())) return ReadTaskDefinition(root);
  if (auto td = root.Object("taskDefinition")) return ReadTaskDefinition(*td);
  if (root.Get("fargateDoctorEnvelope")) {
    FileContext env = ctx;
    if (std::string region = root.Str("region"); !region.empty()) env.region_hint = region;
    Node env_root(doc->root(), env);
    if (auto output = env_root.Object("output")) {
      if (IsBareTaskDefinition(output->value())) return ReadTaskDefinition(*output);
      if (auto td = output->Object("taskDefinition")) return ReadTaskDefinition(*td);
    }
  }
  return MakeError(
      ErrorCode::kInvalidInput,
      fmt::format("{}: not a task definition (expected family and containerDefinitions, "
                  "or taskDefinition)",
                  name));
}

}  // namespace fd::ingest

namespace fd::ingest {
namespace {

// The Region of a stack's ARN (ExportingStackId, StackId), "" without one.
std::string StackRegion(const std::optional<JsonValue>& id) {
  return id && id->IsString() ? model::RegionOfArn(std::string(id->String())) : "";
}

// The Exports of a `list-exports` answer and the Stacks of a `describe-stacks` one, bare or in a
// `collect` envelope.
void ReadStacks(JsonValue root, DeployedStacks& out) {
  if (auto output = root.Find("output"); output && output->IsObject()) root = *output;
  if (auto exports = root.Find("Exports"); exports && exports->IsArray())
    exports->ForEachChild([&](JsonValue e) {
      auto name = e.Find("Name");
      auto value = e.Find("Value");
      if (!name || !value || !name->IsString() || !value->IsString()) return;
      // Exports are per Region: the exporting stack's ARN says which.
      out.exports.push_back({std::string(name->String()), std::string(value->String()),
                             StackRegion(e.Find("ExportingStackId"))});
    });
  if (auto stacks = root.Find("Stacks"); stacks && stacks->IsArray())
    stacks->ForEachChild([&](JsonValue st) {
      auto name = st.Find("StackName");
      if (!name || !name->IsString()) return;
      DeployedStack d{std::string(name->String()), StackRegion(st.Find("StackId")), {}};
      if (auto params = st.Find("Parameters"); params && params->IsArray())
        params->ForEachChild([&](JsonValue p) {
          auto key = p.Find("ParameterKey");
          auto value = p.Find("ParameterValue");
          if (!key || !value || !key->IsString() || !value->IsString()) return;
          if (value->String() == "****") return;  // NoEcho: masked, never the value
          d.parameters.emplace_back(std::string(key->String()), std::string(value->String()));
        });
      out.stacks.push_back(std::move(d));
    });
}

}  // namespace

Expected<DeployedStacks> ReadDeployedStacks(const std::vector<std::string>& paths) {
  DeployedStacks out;
  for (const std::string& arg : paths) {
    const fs::path path(arg);
    std::error_code ec;
    std::vector<FoundFile> files;
    if (fs::is_directory(path, ec)) {
      std::vector<InputNote> skipped;  // noted when the snapshot itself is loaded
      auto listed = ListJsonFiles(path, arg, skipped);
      if (!listed) return tl::unexpected(listed.error());
      files = std::move(*listed);
    } else {
      files.push_back({path.filename().generic_string(), path});
    }
    for (const FoundFile& f : files) {
      auto content = ReadFile(f.path, f.name);
      if (!content) return tl::unexpected(content.error());
      // Only these answers name "Exports" or "Stacks"; the rest is ingest's to read (and reject).
      if (content->find("\"Exports\"") == std::string::npos &&
          content->find("\"Stacks\"") == std::string::npos)
        continue;
      auto doc = JsonDoc::Parse(*content, f.name);
      if (!doc) return tl::unexpected(doc.error());
      ReadStacks(doc->root(), out);
    }
  }
  return out;
}

}  // namespace fd::ingest
