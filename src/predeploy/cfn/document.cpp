#include "predeploy/cfn/document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace fd::predeploy::cfn {

const Node* Node::Find(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

namespace {

// The long-form key of a short-form tag ("!Sub" -> "Fn::Sub"), or "" for a tag CloudFormation
// does not define. The list is CloudFormation's (intrinsic function reference), plus the two
// functions of the AWS::LanguageExtensions transform.
std::string LongForm(std::string_view tag) {
  static const std::unordered_set<std::string_view> kFn = {
      "Base64", "Cidr",   "FindInMap", "GetAtt",      "GetAZs",    "If",  "ImportValue",
      "Join",   "Select", "Split",     "Sub",         "Transform", "And", "Equals",
      "Not",    "Or",     "Length",    "ToJsonString"};
  if (tag.size() < 2 || tag[0] != '!') return "";
  const std::string_view name = tag.substr(1);
  if (name == "Ref" || name == "Condition") return std::string(name);
  if (kFn.count(name) != 0) return "Fn::" + std::string(name);
  return "";
}

bool IsStringTag(const std::string& tag) {
  return tag == "!!str" || tag == "tag:yaml.org,2002:str";
}
// yaml-cpp reports "?" for a plain untagged node, "!" for a quoted one, and the resolved
// "tag:yaml.org,2002:..." for the standard `!!` tags, which change nothing here but `!!str`.
bool IsNeutralTag(const std::string& tag) {
  return tag.empty() || tag == "?" || tag == "!" || tag.rfind("tag:yaml.org,2002:", 0) == 0;
}

std::size_t CountNodes(const Node& n) {
  std::size_t count = 1;
  for (const Node& item : n.items) count += CountNodes(item);
  for (const auto& member : n.members) count += CountNodes(member.value);
  return count;
}

// Builds the tree from yaml-cpp's events on an explicit stack, so neither depth nor size is
// limited by recursion here. After the first error every event is ignored: yaml-cpp reads on
// to the end of the (size-bounded) text, and the error is reported once parsing returns.
class Builder : public YAML::EventHandler {
 public:
  Builder(const std::string& file, const Limits& limits) : file_(file), limits_(limits) {}

  const std::optional<Error>& error() const { return error_; }
  Node TakeRoot() { return std::move(root_); }
  bool has_root() const { return has_root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (error_) return;
    Node n = At(mark);
    Finish(std::move(n), "?", anchor, mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (error_) return;
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) return Fail(mark, "an alias to an anchor that is not complete");
    if (!Spend(CountNodes(it->second), mark)) return;
    Add(Node(it->second), mark);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (error_) return;
    Node n = At(mark);
    n.kind = Node::Kind::kScalar;
    n.text = value;
    n.quoted = tag == "!" || IsStringTag(tag);
    Finish(std::move(n), tag, anchor, mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, Node::Kind::kList, tag, anchor);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, Node::Kind::kMap, tag, anchor);
  }
  void OnMapEnd() override { Close(); }

  void Fail(const YAML::Mark& mark, const std::string& what) {
    if (error_) return;
    error_ = Error{ErrorCode::kInvalidInput, file_ + ":" + std::to_string(mark.line + 1) + ":" +
                                                 std::to_string(mark.column + 1) + ": " + what};
  }

 private:
  struct Frame {
    Node node;
    std::string tag;
    YAML::anchor_t anchor = 0;
    YAML::Mark mark;
    bool have_key = false;
    std::string key;
    std::unordered_set<std::string> keys;  // only for large maps: small ones scan `members`
  };

  Node At(const YAML::Mark& mark) const {
    Node n;
    n.line = mark.line + 1;
    n.column = mark.column + 1;
    return n;
  }

  void Open(const YAML::Mark& mark, Node::Kind kind, const std::string& tag,
            YAML::anchor_t anchor) {
    if (error_) return;
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      return Fail(mark, "nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    Frame f;
    f.node = At(mark);
    f.node.kind = kind;
    f.tag = tag;
    f.anchor = anchor;
    f.mark = mark;
    stack_.push_back(std::move(f));
  }

  void Close() {
    if (error_) return;
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.have_key) return Fail(f.mark, "a mapping key without a value");
    Finish(std::move(f.node), f.tag, f.anchor, f.mark);
  }

  bool Spend(std::size_t nodes, const YAML::Mark& mark) {
    alias_nodes_ += nodes;
    if (alias_nodes_ <= limits_.max_alias_nodes) return true;
    Fail(mark, "YAML aliases expand to more than " + std::to_string(limits_.max_alias_nodes) +
                   " nodes");
    return false;
  }

  // A complete node: its tag applied, its anchor remembered, then placed in its parent.
  void Finish(Node n, const std::string& tag, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (!IsNeutralTag(tag)) {
      const std::string key = LongForm(tag);
      if (key.empty()) return Fail(mark, "unknown tag " + tag);
      n = Wrap(std::move(n), key);
    }
    if (anchor != 0) {
      if (!Spend(CountNodes(n), mark)) return;
      anchors_[anchor] = n;
    }
    Add(std::move(n), mark);
  }

  // The long form of a short-form tag: {Key: n}; `!GetAtt A.B` splits at the first dot (the
  // attribute may hold dots: `Child.Outputs.Name`).
  static Node Wrap(Node n, const std::string& key) {
    if (key == "Fn::GetAtt" && n.IsScalar()) {
      Node list = n;
      list.kind = Node::Kind::kList;
      list.text.clear();
      const std::size_t dot = n.text.find('.');
      Node first = n;
      Node second = n;
      first.text = n.text.substr(0, dot);
      second.text = dot == std::string::npos ? "" : n.text.substr(dot + 1);
      list.items = {std::move(first), std::move(second)};
      n = std::move(list);
    }
    Node outer;
    outer.kind = Node::Kind::kMap;
    outer.line = n.line;
    outer.column = n.column;
    outer.members.push_back({key, std::move(n)});
    return outer;
  }

  void Add(Node n, const YAML::Mark& mark) {
    if (stack_.empty()) {
      root_ = std::move(n);
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.node.IsList()) {
      top.node.items.push_back(std::move(n));
    } else if (top.have_key) {
      top.node.members.push_back({std::move(top.key), std::move(n)});
      top.have_key = false;
    } else {
      AddKey(top, std::move(n), mark);
    }
  }

  void AddKey(Frame& top, Node n, const YAML::Mark& mark) {
    if (!n.IsScalar()) return Fail(mark, "a mapping key that is not a plain string");
    constexpr std::size_t kScanned = 16;
    bool duplicate = false;
    if (top.node.members.size() < kScanned) {
      duplicate = top.node.Find(n.text) != nullptr;
    } else {
      if (top.keys.empty())
        for (const auto& member : top.node.members) top.keys.insert(member.key);
      duplicate = !top.keys.insert(n.text).second;
    }
    if (duplicate) return Fail(mark, "duplicate key '" + n.text + "'");
    top.key = std::move(n.text);
    top.have_key = true;
  }

  const std::string& file_;
  const Limits& limits_;
  std::optional<Error> error_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Node> anchors_;
  std::size_t alias_nodes_ = 0;
  Node root_;
  bool has_root_ = false;
};

}  // namespace

Expected<Document> ParseDocument(std::string_view text, const std::string& file,
                                 const Limits& limits) {
  if (text.size() > limits.max_bytes)
    return MakeError(ErrorCode::kInvalidInput,
                     file + ": larger than " + std::to_string(limits.max_bytes) + " bytes");
  std::istringstream in{std::string(text)};
  Builder builder(file, limits);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
    if (!builder.error() && parser.HandleNextDocument(builder))
      builder.Fail(YAML::Mark(), "more than one YAML document (a template is one)");
  } catch (const YAML::Exception& e) {
    builder.Fail(e.mark, e.msg);
  }
  if (builder.error()) return tl::unexpected(*builder.error());
  return Document{file, builder.TakeRoot()};
}

Expected<Document> ReadDocument(const std::string& path, const Limits& limits) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return MakeError(ErrorCode::kIo, path + ": " + ec.message());
  if (size > limits.max_bytes)
    return MakeError(ErrorCode::kInvalidInput,
                     path + ": larger than " + std::to_string(limits.max_bytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, path + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseDocument(ss.str(), path, limits);
}

}  // namespace fd::predeploy::cfn
