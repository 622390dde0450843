#include "predeploy/cfn/stacks.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "predeploy/cfn/resolver.h"
#include "predeploy/cfn/values.h"

namespace fd::predeploy::cfn {

namespace fs = std::filesystem;

TemplateInput ParseTemplateArgument(std::string_view argument) {
  TemplateInput in;
  std::tie(in.stack, in.path) = SplitStackPrefix(argument);
  return in;
}

namespace {

// CloudFormation has no documented nesting limit that matters here; real designs nest two or
// three levels. The bound makes a chain of distinct files (a generated one) end.
constexpr std::size_t kMaxNesting = 16;

bool IsNestedStack(const std::string& type) {
  return type == "AWS::CloudFormation::Stack" || type == "AWS::Serverless::Application";
}

bool IsRemote(const std::string& location) {
  return location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0 ||
         location.rfind("s3://", 0) == 0;
}

class Loader {
 public:
  explicit Loader(const Options& options) : options_(options) {}

  Expected<void> LoadInput(const TemplateInput& input) {
    const std::string name = input.stack.empty() ? fs::path(input.path).stem().string() : input.stack;
    if (!names_.insert(name).second)
      return MakeError(ErrorCode::kUsage, "two templates are named stack " + name +
                                              ": name them with STACK=PATH");
    auto tmpl = Read(input.path, input.text);
    if (!tmpl) return tl::unexpected(tmpl.error());
    LoadedStack stack;
    stack.name = name;
    stack.tmpl = std::move(*tmpl);
    stack.region = input.region.empty() ? options_.region : input.region;
    stack.account = input.account.empty() ? options_.account : input.account;
    const std::size_t first = Add(std::move(stack), &input, {Canonical(input.path)});
    // Breadth first, so the input is followed by its nested stacks.
    for (std::size_t i = first; i < stacks_.size(); ++i)
      if (auto loaded = LoadChildren(static_cast<int>(i)); !loaded) return loaded;
    return {};
  }

  std::vector<LoadedStack>& stacks() { return stacks_; }
  const TemplateInput* input(std::size_t s) const { return inputs_[s]; }
  std::vector<Note>& notes() { return notes_; }

 private:
  static std::string Canonical(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(path, ec);
    return ec ? path : p.string();
  }

  Expected<Template> Read(const std::string& path,
                          const std::optional<std::string>& text = std::nullopt) {
    auto doc = text ? ParseDocument(*text, path, options_.limits)
                    : ReadDocument(path, options_.limits);
    if (!doc) return tl::unexpected(doc.error());
    auto tmpl = ReadTemplate(std::move(*doc));
    if (!tmpl) return tl::unexpected(tmpl.error());
    for (Note& n : tmpl->notes) notes_.push_back(n);
    return tmpl;
  }

  std::size_t Add(LoadedStack stack, const TemplateInput* input, std::vector<std::string> chain) {
    stacks_.push_back(std::move(stack));
    inputs_.push_back(input);
    chains_.push_back(std::move(chain));
    return stacks_.size() - 1;
  }

  void AddNote(const std::string& file, const Node& at, std::string message) {
    notes_.push_back(Note{PosOf(file, at), std::move(message)});
  }

  Expected<void> LoadChildren(int s) {
    for (const ResourceDecl& r : stacks_[s].tmpl.resources) {
      if (!IsNestedStack(r.type)) continue;
      const char* key = r.type == "AWS::CloudFormation::Stack" ? "TemplateURL" : "Location";
      const Node* location = r.properties != nullptr ? r.properties->Find(key) : nullptr;
      const std::string& file = stacks_[s].tmpl.file();
      if (location == nullptr || !location->IsScalar() || IsRemote(location->text)) {
        AddNote(file, location != nullptr ? *location : *r.node,
             "nested stack " + r.id + ": its template is not a local file, so it is not read "
             "and its outputs stay unknown");
        continue;
      }
      const fs::path path = fs::path(file).parent_path() / location->text;
      const std::string canonical = Canonical(path.string());
      const std::vector<std::string>& chain = chains_[s];
      if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        AddNote(file, *location, "nested stack " + r.id + " includes " + location->text +
                                  ", which includes it: not read again");
        continue;
      }
      if (chain.size() >= kMaxNesting) {
        AddNote(file, *location, "nested stack " + r.id + " is nested deeper than " +
                                  std::to_string(kMaxNesting) + " levels: not read");
        continue;
      }
      std::error_code ec;
      if (!fs::is_regular_file(path, ec)) {
        AddNote(file, *location, "nested stack " + r.id + ": " + path.string() +
                                  " is not there, so its outputs stay unknown");
        continue;
      }
      auto tmpl = Read(path.string());
      if (!tmpl) return tl::unexpected(tmpl.error());
      LoadedStack child;
      child.name = stacks_[s].name + "/" + r.id;
      child.tmpl = std::move(*tmpl);
      child.region = stacks_[s].region;
      child.account = stacks_[s].account;
      child.name_known = false;
      child.parent = s;
      child.parent_parameters = r.properties->Find("Parameters");
      std::vector<std::string> child_chain = chain;
      child_chain.push_back(canonical);
      const std::size_t c = Add(std::move(child), nullptr, std::move(child_chain));
      stacks_[s].children[r.id] = static_cast<int>(c);
    }
    return {};
  }

  const Options& options_;
  std::vector<LoadedStack> stacks_;
  std::vector<const TemplateInput*> inputs_;         // nullptr for a nested stack
  std::vector<std::vector<std::string>> chains_;     // the files from the top to each stack
  std::unordered_set<std::string> names_;
  std::vector<Note> notes_;
};

std::vector<StackResource> Resources(Resolver& r, const LoadedStack& loaded, int s,
                                     const TemplateInput* input) {
  std::vector<StackResource> out;
  out.reserve(loaded.tmpl.resources.size());
  for (const ResourceDecl& decl : loaded.tmpl.resources) {
    StackResource res;
    if (!decl.condition.empty()) {
      const Truth t = r.Condition(s, decl.condition);
      if (t.kind == Truth::Kind::kFalse) continue;
      res.condition = decl.condition;
      if (t.kind == Truth::Kind::kUnknown) {
        res.condition_unknown = Unknown{"condition " + decl.condition + ": " + t.reason};
        res.condition_parameters = ConditionParameters(loaded.tmpl, decl.condition);
      }
    }
    Resource& resource = res.resource;
    resource.source = loaded.name;
    resource.id = decl.id;
    resource.type = decl.type;
    resource.pos = PosOf(loaded.tmpl.file(), *decl.node);
    std::optional<Value> props;
    if (decl.properties != nullptr) props = r.Resolve(s, *decl.properties);
    resource.properties = props ? std::move(*props) : Value{Map{}, resource.pos};
    res.cdk_path = decl.cdk_path;
    if (res.cdk_path.empty() && input != nullptr)
      if (auto p = input->cdk_paths.find(decl.id); p != input->cdk_paths.end()) res.cdk_path = p->second;
    res.depends_on = decl.depends_on;
    out.push_back(std::move(res));
  }
  return out;
}

std::vector<StackParameter> Parameters(Resolver& r, const LoadedStack& loaded, int s) {
  std::vector<StackParameter> out;
  for (const ParameterDecl& decl : loaded.tmpl.parameters)
    out.push_back(StackParameter{decl.name, decl.type, decl.allowed,
                                 r.Parameter(s, decl.name, *decl.node)});
  return out;
}

// A value no condition compares with, standing for "any other value" in a run of the
// templates; named so that a message that prints it reads as made up.
constexpr std::string_view kOtherValue = "other-than-compared";

std::vector<StackChoice> Undecided(const LoadedStack& loaded, const std::vector<StackParameter>& params) {
  std::set<std::string> names;
  for (const auto& [condition, node] : loaded.tmpl.conditions)
    for (std::string& p : ConditionParameters(loaded.tmpl, condition)) names.insert(std::move(p));
  std::vector<StackChoice> out;
  for (const StackParameter& p : params) {
    // AWS-specific types name existing objects: no made-up value stands for one.
    if (!names.contains(p.name) || !p.value.IsUnknown() || p.type.starts_with("AWS::") ||
        p.type.starts_with("List<"))
      continue;
    StackChoice u{p.name, p.allowed, false};
    if (u.candidates.empty()) {
      u.candidates = ComparedValues(loaded.tmpl, p.name);
      if (u.candidates.empty()) continue;  // compared with nothing known: no run would differ
      std::string other(kOtherValue);
      while (std::find(u.candidates.begin(), u.candidates.end(), other) != u.candidates.end()) other += '-';
      u.candidates.push_back(std::move(other));
      u.other = true;
    }
    out.push_back(std::move(u));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::vector<StackOutput> Outputs(Resolver& r, const LoadedStack& loaded, int s) {
  std::vector<StackOutput> out;
  for (const OutputDecl& decl : loaded.tmpl.outputs) {
    if (!decl.condition.empty() && r.Condition(s, decl.condition).kind == Truth::Kind::kFalse)
      continue;
    StackOutput o;
    o.name = decl.name;
    o.value = *r.Output(s, decl.name, PosOf(loaded.tmpl.file(), *decl.value));
    if (decl.export_name != nullptr)
      if (auto name = r.Resolve(s, *decl.export_name))
        o.export_name = ScalarText(*name).value_or("");
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

Expected<Templates> ReadTemplates(const std::vector<TemplateInput>& inputs,
                                  const Options& options) {
  Loader loader(options);
  for (const TemplateInput& input : inputs)
    if (auto loaded = loader.LoadInput(input); !loaded) return tl::unexpected(loaded.error());
  Templates out;
  out.notes = std::move(loader.notes());
  const std::vector<LoadedStack>& stacks = loader.stacks();
  Resolver resolver(stacks, options.parameters, out.notes);
  resolver.IndexExports();
  for (std::size_t i = 0; i < stacks.size(); ++i) {
    const int s = static_cast<int>(i);
    const LoadedStack& loaded = stacks[i];
    const TemplateInput* input = loader.input(i);
    Stack stack;
    stack.name = loaded.name;
    stack.file = loaded.tmpl.file();
    if (loaded.parent >= 0) {
      stack.parent = stacks[loaded.parent].name;
      stack.parent_resource = loaded.name.substr(stack.parent.size() + 1);
    }
    stack.transforms = loaded.tmpl.transforms;
    stack.region = loaded.region;
    stack.account = loaded.account;
    if (input != nullptr) stack.dependencies = input->dependencies;
    stack.parameters = Parameters(resolver, loaded, s);
    stack.resources = Resources(resolver, loaded, s, input);
    stack.outputs = Outputs(resolver, loaded, s);
    stack.undecided = Undecided(loaded, stack.parameters);
    out.stacks.push_back(std::move(stack));
  }
  // A name read twice (an export name, a shared parameter) notes its problem once.
  std::unordered_set<std::string> seen;
  std::erase_if(out.notes, [&](const Note& n) {
    return !seen.insert(ToString(n.pos) + '\n' + n.message).second;
  });
  return out;
}

}  // namespace fd::predeploy::cfn
