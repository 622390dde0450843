#!/usr/bin/env python3
"""Reports source files and functions in src/ that exceed the sizes a reader can hold
(docs/design/style.md): files over 600 lines and function bodies over 80 lines.

A function is found the way a reader finds it: a line at namespace level (no indentation, or a
class member indented by two spaces) that ends a signature with `{`, up to its matching `}`.
Tests (`*_test.cpp`) and the generated or data-table files named in EXEMPT are left out;
EXEMPT says why each one may be longer.

  python3 tools/shape.py [--check] [--root DIR]
      --check: exit 1 when something not exempt is too long
      --root:  the tree whose src/ is measured (default: this repository)
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE = 600
MAX_FUNCTION = 80

# path (relative to src/) or "path:function" -> why it may be longer
EXEMPT = {
    "analysis/evidence.cpp:Table": "a data table: one row per message pattern AWS writes",
    "iam/evaluate.cpp": "the IAM evaluator, whose hot loop is kept whole for speed (bench/)",
}



LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def code(line):
    """The line without string and character literals and // comments (braces in them do not count)."""
    return LITERAL.sub('""', line).split("//")[0]


START = re.compile(r"^( {0,2})[A-Za-z_~][\w:<>,*& ~]*\(")
KEYWORDS = ("if ", "for ", "while ", "switch ", "else", "}", "return", "case ", "using ", "#")


def functions(lines):
    """(name, first line number, length) of every function definition: a line at namespace or
    class level that opens a parameter list, whose signature (up to 6 lines) ends with `{`."""
    out = []
    i = 0
    while i < len(lines):
        if not START.match(lines[i]) or lines[i].lstrip().startswith(KEYWORDS) or ";" in code(lines[i]):
            i += 1
            continue
        end = i
        while end < min(i + 6, len(lines)) and not code(lines[end]).rstrip().endswith("{"):
            if ";" in code(lines[end]):
                end = len(lines)
                break
            end += 1
        if end >= min(i + 6, len(lines)):
            i += 1
            continue
        depth = 0
        j = i
        while j < len(lines):
            c = code(lines[j])
            depth += c.count("{") - c.count("}")
            if depth <= 0 and j >= end:
                break
            j += 1
        name = re.sub(r"\(.*", "", lines[i].strip()).split()[-1]
        out.append((name, i + 1, j - i + 1))
        i = j + 1
    return out


def main():
    check = "--check" in sys.argv
    root = Path(sys.argv[sys.argv.index("--root") + 1]) if "--root" in sys.argv else ROOT
    problems = []
    for path in sorted((root / "src").rglob("*")):
        if path.suffix not in (".cpp", ".h") or path.name.endswith("_test.cpp"):
            continue
        rel = str(path.relative_to(root / "src"))
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) > MAX_FILE and rel not in EXEMPT:
            problems.append(f"{rel}: {len(lines)} lines")
        for name, line, length in functions(lines):
            if length > MAX_FUNCTION and f"{rel}:{name}" not in EXEMPT and rel not in EXEMPT:
                problems.append(f"{rel}:{line}: function {name} is {length} lines")
    for p in problems:
        print(p)
    if check and problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
