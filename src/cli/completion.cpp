#include "cli/completion.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <set>
#include <string>
#include <vector>

#include "checks/check.h"
#include "util/strings.h"

namespace fd::cli {
namespace {

// --- the command line as data -------------------------------------------------------------

enum class Value { kNone, kChoice, kCode, kCodes, kFile, kDir, kFree };

struct Opt {
  std::vector<std::string> names;  ///< "--format", "-q"
  std::string help;
  Value value = Value::kNone;
  std::vector<std::string> choices;  ///< for kChoice
};

struct Cmd {
  std::string path;  ///< "" for the program itself, "diagnose", "policy simulate"
  std::string help;
  std::vector<std::pair<std::string, std::string>> subcommands;  ///< name, help
  std::vector<Opt> options;
  Opt positional;  ///< what a bare word completes to, when there is no subcommand
};

Value ValueOf(const std::string& type_name, std::vector<std::string>& choices) {
  if (type_name.find('|') != std::string::npos) {
    choices = CLI::detail::split(type_name, '|');
    return Value::kChoice;
  }
  if (type_name == "CODE") return Value::kCode;
  if (type_name == "CODES") return Value::kCodes;
  if (type_name == "DIR") return Value::kDir;
  if (type_name.empty() || type_name == "FILE" || type_name == "PATH" ||
      type_name == "FILE_OR_ARN")
    return Value::kFile;
  return Value::kFree;
}

void Walk(const CLI::App& app, const std::string& path, std::vector<Cmd>& out) {
  Cmd cmd{path, app.get_description(), {}, {}, {}};
  for (const CLI::App* sub : app.get_subcommands({}))
    cmd.subcommands.emplace_back(sub->get_name(), sub->get_description());
  for (const CLI::Option* o : app.get_options()) {
    Opt opt;
    opt.help = o->get_description();
    const Value v = o->get_type_size() == 0 ? Value::kNone : ValueOf(o->get_type_name(), opt.choices);
    opt.value = v;
    if (o->get_lnames().empty() && o->get_snames().empty()) {
      cmd.positional = std::move(opt);
      continue;
    }
    for (const auto& l : o->get_lnames()) opt.names.push_back("--" + l);
    for (const auto& s : o->get_snames()) opt.names.push_back("-" + s);
    cmd.options.push_back(std::move(opt));
  }
  out.push_back(std::move(cmd));
  for (const CLI::App* sub : app.get_subcommands({}))
    Walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

/// What a check selector may be: every code and slug, and (for lists) each group prefix.
struct Codes {
  std::vector<std::string> codes, prefixes, slugs;
};

Codes RegistryCodes() {
  Codes c;
  std::set<std::string> prefixes;
  for (const checks::CheckDef* d : checks::AllChecks()) {
    const std::string code(ToString(d->info.code));
    c.codes.push_back(code);
    c.slugs.emplace_back(d->info.slug);
    prefixes.insert(code.substr(0, code.find_first_of("0123456789")));
  }
  c.prefixes.assign(prefixes.begin(), prefixes.end());
  return c;
}

std::string Words(const std::vector<std::string>& words) { return util::Join(words, " "); }

/// The case patterns "CMD/WORD" that the scripts' command-line walk matches: a word that enters
/// a subcommand, and an option whose next word is its value (so "--cluster diagnose" is no
/// command). Both walks (bash/zsh and fish) are generated from this.
struct Walkers {
  std::vector<std::string> enters, takes_value;
};

Walkers WalkPatterns(const std::vector<Cmd>& cmds) {
  Walkers w;
  for (const Cmd& c : cmds) {
    for (const auto& [name, help] : c.subcommands) w.enters.push_back(c.path + "/" + name);
    for (const Opt& o : c.options)
      if (o.value != Value::kNone)
        for (const auto& n : o.names) w.takes_value.push_back(c.path + "/" + n);
  }
  return w;
}

// --- bash and zsh (one POSIX-like walk; each shell's own way to offer words) ----------------

std::string Quoted(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "\"" : "|\"") + i + "\"";
  return out;
}

/// The loop both bash and zsh run over the words before the cursor: sets `cmd`.
std::string ShellWalk(const std::vector<Cmd>& cmds, std::string_view first, std::string_view last) {
  const Walkers w = WalkPatterns(cmds);
  return fmt::format(
      "  local cmd=\"\" w skip=0 i\n"
      "  for ((i = {}; i < {}; i++)); do\n"
      "    w=\"${{words[i]}}\"\n"
      "    if ((skip)); then skip=0; continue; fi\n"
      "    case \"$cmd/$w\" in\n"
      "      {}) cmd=\"${{cmd:+$cmd }}$w\" ;;\n"
      "      {}) skip=1 ;;\n"
      "    esac\n"
      "  done\n",
      first, last, Quoted(w.enters), Quoted(w.takes_value));
}

/// The bash/zsh `case` that completes the value of the option before the cursor, with
/// `action` giving each shell's way to offer it.
std::string ValueCases(const std::vector<Cmd>& cmds,
                       std::string (*action)(Value, const std::vector<std::string>&)) {
  std::string out = "  case \"$cmd/$prev\" in\n";
  for (const Cmd& c : cmds)
    for (const Opt& o : c.options)
      if (o.value != Value::kNone) {
        std::vector<std::string> keys;
        for (const auto& n : o.names) keys.push_back(c.path + "/" + n);
        out += fmt::format("    {}) {}; return ;;\n", Quoted(keys), action(o.value, o.choices));
      }
  return out + "  esac\n";
}

std::string BashAction(Value v, const std::vector<std::string>& choices) {
  switch (v) {
    case Value::kChoice: return fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", Words(choices));
    case Value::kCode: return "COMPREPLY=($(compgen -W \"$codes $slugs\" -- \"$cur\"))";
    case Value::kCodes: return "_fargate_doctor_list \"$prefixes $codes $slugs\"";
    case Value::kFile: return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))";
    case Value::kDir: return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))";
    case Value::kFree:
    case Value::kNone: break;
  }
  return "COMPREPLY=()";
}

std::string Bash(const std::vector<Cmd>& cmds, const Codes& codes) {
  std::string out =
      "# bash completion for fargate-doctor. Generated by `fargate-doctor completion bash`; do not\n"
      "# edit. Install it as /usr/share/bash-completion/completions/fargate-doctor, or source it.\n\n"
      "# Completes the last item of the comma-separated list in $cur from the words in $1.\n"
      "_fargate_doctor_list() {\n"
      "  local head=\"\" tail=\"$cur\" x\n"
      "  if [[ $cur == *,* ]]; then head=\"${cur%,*},\"; tail=\"${cur##*,}\"; fi\n"
      "  COMPREPLY=()\n"
      "  for x in $(compgen -W \"$1\" -- \"$tail\"); do COMPREPLY+=(\"$head$x\"); done\n"
      "}\n\n"
      "_fargate_doctor() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      "  local -a words=(\"${COMP_WORDS[@]}\")\n";
  out += fmt::format("  local codes=\"{}\" prefixes=\"{}\" slugs=\"{}\"\n", Words(codes.codes),
                     Words(codes.prefixes), Words(codes.slugs));
  out += ShellWalk(cmds, "1", "COMP_CWORD");
  out += ValueCases(cmds, BashAction);
  out += "  case \"$cmd\" in\n";
  for (const Cmd& c : cmds) {
    std::vector<std::string> opts, subs;
    for (const Opt& o : c.options) opts.insert(opts.end(), o.names.begin(), o.names.end());
    for (const auto& s : c.subcommands) subs.push_back(s.first);
    const std::string bare = c.subcommands.empty()
                                 ? BashAction(c.positional.value, c.positional.choices)
                                 : fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", Words(subs));
    out += fmt::format(
        "    \"{}\")\n      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n"
        "      else {}; fi ;;\n",
        c.path, Words(opts), bare);
  }
  out += "  esac\n}\ncomplete -F _fargate_doctor fargate-doctor\n";
  return out;
}

/// A zsh `_describe` item "name:description", one shell word (a colon in the name ends it).
std::string ZshItem(const std::string& name, const std::string& help) {
  std::string item;
  for (char ch : name) item += ch == ':' ? std::string("\\:") : std::string(1, ch);
  item += ":" + help;
  return util::SingleQuote(item);
}

std::string ZshAction(Value v, const std::vector<std::string>& choices) {
  switch (v) {
    case Value::kChoice: return fmt::format("compadd -- {}", Words(choices));
    case Value::kCode: return "compadd -- $codes $slugs";
    case Value::kCodes: return "_sequence -s , compadd - $prefixes $codes $slugs";
    case Value::kFile: return "_files";
    case Value::kDir: return "_files -/";
    case Value::kFree: return "_message -r 'a value'";
    case Value::kNone: break;
  }
  return "return 1";
}

std::string Zsh(const std::vector<Cmd>& cmds, const Codes& codes) {
  std::string out =
      "#compdef fargate-doctor\n"
      "# zsh completion for fargate-doctor. Generated by `fargate-doctor completion zsh`; do not\n"
      "# edit. Install it as _fargate-doctor in a folder of $fpath (Debian:\n"
      "# /usr/share/zsh/vendor-completions).\n\n"
      "_fargate-doctor() {\n"
      "  local cur=\"${words[CURRENT]}\" prev=\"${words[CURRENT-1]}\"\n";
  out += fmt::format("  local -a codes=({}) prefixes=({}) slugs=({}) items\n", Words(codes.codes),
                     Words(codes.prefixes), Words(codes.slugs));
  out += ShellWalk(cmds, "2", "CURRENT");
  out += ValueCases(cmds, ZshAction);
  out += "  case \"$cmd\" in\n";
  for (const Cmd& c : cmds) {
    std::string opts, subs;
    for (const Opt& o : c.options)
      for (const auto& n : o.names) opts += " " + ZshItem(n, o.help);
    for (const auto& [name, help] : c.subcommands) subs += " " + ZshItem(name, help);
    const std::string bare = c.subcommands.empty()
                                 ? ZshAction(c.positional.value, c.positional.choices)
                                 : fmt::format("items=({}); _describe -t commands command items", subs.substr(1));
    out += fmt::format(
        "    \"{}\")\n      if [[ $cur == -* ]]; then items=({}); _describe -t options option items\n"
        "      else {}; fi ;;\n",
        c.path, opts.empty() ? "" : opts.substr(1), bare);
  }
  out += "  esac\n}\n\n_fargate-doctor \"$@\"\n";
  return out;
}

// --- fish -----------------------------------------------------------------------------------

std::string FishQuote(const std::string& s) {
  std::string out = "'";
  for (char ch : s) {
    if (ch == '\\' || ch == '\'') out += '\\';
    out += ch;
  }
  return out + "'";
}

std::string FishWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + FishQuote(w);
  return out;
}

std::string FishValue(Value v, const std::vector<std::string>& choices) {
  switch (v) {
    case Value::kChoice: return "-x -a " + FishQuote(Words(choices));
    case Value::kCode: return "-x -a '(__fargate_doctor_codes; __fargate_doctor_slugs)'";
    case Value::kCodes: return "-x -a '(__fish_complete_list , __fargate_doctor_selectors)'";
    case Value::kFile: return "-r -F";
    case Value::kDir: return "-x -a '(__fish_complete_directories)'";
    case Value::kFree: return "-x";
    case Value::kNone: break;
  }
  return "";
}

std::string Fish(const std::vector<Cmd>& cmds, const Codes& codes) {
  const Walkers w = WalkPatterns(cmds);
  std::string out = fmt::format(
      "# fish completion for fargate-doctor. Generated by `fargate-doctor completion fish`; do not\n"
      "# edit. Install it as /usr/share/fish/vendor_completions.d/fargate-doctor.fish.\n\n"
      "# The command typed so far before the cursor: \"\", \"diagnose\", \"policy simulate\".\n"
      "function __fargate_doctor_cmd\n"
      "    set -l cmd ''\n    set -l skip 0\n"
      "    for w in (commandline -opc)[2..-1]\n"
      "        if test $skip = 1\n            set skip 0\n            continue\n        end\n"
      "        switch \"$cmd/$w\"\n"
      "            case {}\n                set cmd (string trim -- \"$cmd $w\")\n"
      "            case {}\n                set skip 1\n"
      "        end\n    end\n    echo $cmd\nend\n"
      "function __fargate_doctor_at\n    test (__fargate_doctor_cmd) = \"$argv\"\nend\n"
      "function __fargate_doctor_codes\n    printf '%s\\n' {}\nend\n"
      "function __fargate_doctor_slugs\n    printf '%s\\n' {}\nend\n"
      "function __fargate_doctor_selectors\n    printf '%s\\n' {}\n    __fargate_doctor_codes\n"
      "    __fargate_doctor_slugs\nend\n\n"
      "complete -c fargate-doctor -f\n",
      FishWords(w.enters), FishWords(w.takes_value), Words(codes.codes), Words(codes.slugs),
      Words(codes.prefixes));
  for (const Cmd& c : cmds) {
    const std::string at = fmt::format("complete -c fargate-doctor -n {}", FishQuote("__fargate_doctor_at " + c.path));
    for (const auto& [name, help] : c.subcommands)
      out += fmt::format("{} -a {} -d {}\n", at, name, FishQuote(help));
    for (const Opt& o : c.options) {
      std::string flags;
      for (const auto& n : o.names) flags += n.starts_with("--") ? " -l " + n.substr(2) : " -s " + n.substr(1);
      const std::string value = FishValue(o.value, o.choices);
      out += fmt::format("{}{}{} -d {}\n", at, flags, value.empty() ? "" : " " + value, FishQuote(o.help));
    }
    // A bare word: -F offers file names, -a the words; options already carry -x or -r.
    const Opt& p = c.positional;
    if (c.subcommands.empty() && p.value == Value::kFile) out += at + " -F\n";
    if (c.subcommands.empty() && p.value != Value::kFile && p.value != Value::kNone)
      out += fmt::format("{} {}\n", at, FishValue(p.value, p.choices).substr(3));
  }
  return out;
}

}  // namespace

std::string CompletionScript(const CLI::App& app, std::string_view shell) {
  std::vector<Cmd> cmds;
  Walk(app, "", cmds);
  const Codes codes = RegistryCodes();
  if (shell == "bash") return Bash(cmds, codes);
  if (shell == "zsh") return Zsh(cmds, codes);
  if (shell == "fish") return Fish(cmds, codes);
  return "";
}

}  // namespace fd::cli
