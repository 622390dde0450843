#!/usr/bin/env python3
"""Runs the command part of fargate-doctor's CI integrations on this machine, as their CI would,
and prints what happened as one JSON object (tests/ci_integrations_test.cpp reads it).

  run_ci.py action REPO WORKDIR KEY=VALUE...   the composite GitHub Action (REPO/action.yml):
      every `run` step in order, with `${{ inputs.* }}`, `github.*`, `runner.*` and
      `steps.*.outputs.*` resolved, `shell: sh` run as `sh -e {0}` like GitHub's runner,
      GITHUB_PATH / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files honoured; a `uses` step is not run
      (it is GitHub's) but reported with its resolved `if` and `with`. KEY=VALUE sets an input.
  run_ci.py gitlab REPO WORKDIR KEY=VALUE...   the job of REPO/ci/gitlab/fargate-doctor.gitlab-ci.yml:
      its variables (KEY=VALUE overrides one) and script lines in one `sh -e`, like GitLab's
      shell; reports the exit code and which artefact paths exist.

Environment passed through: FD_RELEASE_URL (where install.sh fetches the release), PATH.
Exits 77 when PyYAML (Debian: python3-yaml) is missing.
"""
import json
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("SKIPPED: PyYAML is not installed (apt-get install python3-yaml)")
    sys.exit(77)

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expr, ctx):
    """The subset of GitHub's expression language action.yml uses."""
    expr = expr.strip()
    if " && " in expr:
        return all(evaluate(part, ctx) for part in expr.split(" && "))
    m = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", expr)
    if m:
        left, op, right = evaluate(m[1], ctx), m[2], evaluate(m[3], ctx)
        return (left == right) if op == "==" else (left != right)
    if expr == "always()":
        return True
    m = re.fullmatch(r"hashFiles\((.+)\)", expr)
    if m:
        path = os.path.join(ctx["workdir"], evaluate(m[1], ctx))
        return "h" if os.path.isfile(path) else ""
    if expr.startswith("'") and expr.endswith("'"):
        return expr[1:-1]
    value = ctx
    for part in expr.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value


def substitute(text, ctx):
    return EXPR.sub(lambda m: str(evaluate(m[1], ctx)), str(text))


def read_kv(path):
    out = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    return out


def run_action(repo, workdir, overrides):
    action = yaml.safe_load(open(os.path.join(repo, "action.yml"), encoding="utf-8"))
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    inputs.update(overrides)
    temp = os.path.join(workdir, "runner-temp")
    os.makedirs(temp, exist_ok=True)
    files = {n: os.path.join(temp, n) for n in ("path", "summary")}
    for f in files.values():
        open(f, "w").close()
    ctx = {"inputs": inputs, "steps": {}, "workdir": workdir, "runner": {"temp": temp},
           "github": {"action_ref": "v" + os.environ.get("FD_TEST_VERSION", ""),
                      "action_repository": "example/fargate-doctor"}}
    report = {"steps": []}
    path = os.environ.get("PATH", "")
    for i, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", f"step{i}")
        condition = evaluate(EXPR.sub(lambda m: m[1], step["if"]), ctx) if "if" in step else True
        if "uses" in step:
            report["steps"].append({"id": sid, "uses": step["uses"], "if": bool(condition),
                                    "with": {k: substitute(v, ctx) for k, v in step.get("with", {}).items()}})
            continue
        output_file = os.path.join(temp, f"output-{i}")
        open(output_file, "w").close()
        extra = [l.strip() for l in open(files["path"], encoding="utf-8") if l.strip()]
        env = dict(os.environ, GITHUB_ACTION_PATH=repo, GITHUB_PATH=files["path"],
                   GITHUB_OUTPUT=output_file, GITHUB_STEP_SUMMARY=files["summary"],
                   PATH=":".join(list(reversed(extra)) + [path]))
        env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
        assert step.get("shell") == "sh", "the local runner knows shell: sh only"
        proc = subprocess.run(["sh", "-e", "-c", substitute(step["run"], ctx)], cwd=workdir, env=env,
                              capture_output=True, text=True)
        ctx["steps"][sid] = {"outputs": read_kv(output_file)}
        report["steps"].append({"id": sid, "rc": proc.returncode, "stdout": proc.stdout,
                                "stderr": proc.stderr, "outputs": ctx["steps"][sid]["outputs"]})
        if proc.returncode != 0:
            break
    report["outputs"] = {k: substitute(v["value"], ctx) for k, v in action.get("outputs", {}).items()}
    report["summary"] = open(files["summary"], encoding="utf-8").read()
    return report


def run_gitlab(repo, workdir, overrides):
    doc = yaml.safe_load(open(os.path.join(repo, "ci/gitlab/fargate-doctor.gitlab-ci.yml"), encoding="utf-8"))
    job = doc["fargate-doctor"]
    env = dict(os.environ, CI="true")
    env.update({k: str(v) for k, v in job.get("variables", {}).items()})
    env.update(overrides)
    proc = subprocess.run(["sh", "-e", "-c", "\n".join(job["script"])], cwd=workdir, env=env,
                          capture_output=True, text=True)
    paths = job.get("artifacts", {}).get("paths", [])
    return {"rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr,
            "artifacts": {p: os.path.exists(os.path.join(workdir, p)) for p in paths},
            "artifacts_when": job.get("artifacts", {}).get("when", "")}


def main():
    kind, repo, workdir = sys.argv[1:4]
    overrides = dict(a.split("=", 1) for a in sys.argv[4:])
    result = run_action(repo, workdir, overrides) if kind == "action" else run_gitlab(repo, workdir, overrides)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
