#!/usr/bin/env python3
"""Writes the seed inputs of one libFuzzer target (fuzz/<target>.cpp) into a folder, from the
scenario snapshots and, when it is beside the clone, ../shared/corpus: real AWS shapes, so the
fuzzer starts from inputs the tool reads every day rather than from nothing. Without the corpus
the seeds come from the scenarios only, and a note on stderr says so. Deterministic; standard
library only.

usage: tools/fuzz_seeds.py TARGET OUT_DIR
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, "tests", "scenarios")
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
if not os.path.isdir(CORPUS):
    print("fuzz_seeds.py: ../shared/corpus is not beside this clone: seeds from the scenarios only",
          file=sys.stderr)
MAX = 65536  # the -max_len of `make fuzz`
POLICY_KEYS = {"PolicyDocument", "AssumeRolePolicyDocument", "policyText", "Policy", "ResourcePolicy"}


def json_files(top):
    for d, _, names in sorted(os.walk(top)):
        for n in sorted(names):
            if n.endswith(".json"):
                p = os.path.join(d, n)
                if os.path.getsize(p) <= MAX:
                    yield p


def read(p):
    with open(p, "rb") as f:
        return f.read()


def policies(value):
    """Every policy document inside a parsed AWS output, as text."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            for k, c in v.items():
                if k in POLICY_KEYS and isinstance(c, dict):
                    yield json.dumps(c)
                elif k in POLICY_KEYS and isinstance(c, str) and c.lstrip().startswith("{"):
                    yield c
                else:
                    stack.append(c)
        elif isinstance(v, list):
            stack.extend(v)


def seeds(target):
    if target == "json_doc_fuzz":
        for top in (SCENARIOS, os.path.join(CORPUS, "aws-json")):
            for p in json_files(top):
                yield read(p)
    elif target == "snapshot_fuzz":
        # Byte 0 picks the file of base-endpoints to replace (sorted names, as the target does);
        # the seed is that file as found in every scenario, so each variant is one mutation away.
        base = os.path.join(SCENARIOS, "base-endpoints", "snapshot")
        names = sorted(os.path.relpath(p, base) for p in json_files(base))
        for i, name in enumerate(names):
            for s in sorted(os.listdir(SCENARIOS)):
                p = os.path.join(SCENARIOS, s, "snapshot", name)
                if os.path.isfile(p) and os.path.getsize(p) < MAX:
                    yield bytes([i]) + read(p)
    elif target == "iam_policy_fuzz":
        head = b"ecr:BatchGetImage\narn:aws:ecr:eu-west-3:111122223333:repository/app\naws:SourceVpce=vpce-1\n"
        found = set()
        for top in (SCENARIOS, os.path.join(CORPUS, "iam")):
            for p in json_files(top):
                try:
                    doc = json.loads(read(p))
                except ValueError:
                    continue
                for text in policies(doc) if top == SCENARIOS else [json.dumps(doc.get("PolicyVersion", {}).get("Document", doc))]:
                    found.add(text)
        for text in sorted(found):
            yield head + text.encode()
    elif target == "policy_simulate_args_fuzz":
        policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}'
        for args in (
            ["--policy-input-list", policy, "--action-names", "ecr:GetAuthorizationToken"],
            ["--policy-input-list", policy, "--action-names", "ecr:BatchGetImage", "--context-entries",
             "ContextKeyName=aws:SourceVpce,ContextKeyValues=vpce-1,ContextKeyType=string"],
            ["--policy-input-list", policy, "--action-names", "s3:GetObject", "--resource-arns",
             "arn:aws:s3:::b/*", "--caller-arn", "arn:aws:iam::111122223333:role/r"],
            ["--policy-input-list", policy, "--permissions-boundary-policy-input-list", policy,
             "--action-names", "ecr:GetDownloadUrlForLayer", "--output", "json"],
        ):
            yield "\n".join(args).encode()
    elif target == "tf_plan_fuzz":
        # The corpus plans, and the generated plan of bench/predeploy at a size under -max_len.
        for p in json_files(os.path.join(CORPUS, "terraform")):
            yield read(p)
        sys.path.insert(0, os.path.join(ROOT, "bench", "predeploy"))
        import gen_plan
        yield json.dumps(gen_plan.plan(20)).encode()
    elif target == "cfn_template_fuzz":
        # The corpus templates, YAML (short-form tags) and JSON (CDK assemblies' included).
        root = os.path.join(CORPUS, "cloudformation")
        for dirpath, _, names in sorted(os.walk(root)):
            for n in sorted(names):
                if n.endswith((".yml", ".yaml", ".template.json")) or (n.endswith(".json") and n != "manifest.json"):
                    yield read(os.path.join(dirpath, n))
    elif target == "report_reader_fuzz":
        # The scenario goldens: JSON reports as diagnose writes them (the SARIF logs are written
        # by the tests, not kept, so the fuzzer grows those from the reports' shapes).
        for d in sorted(os.listdir(SCENARIOS)):
            p = os.path.join(SCENARIOS, d, "expected.json")
            if os.path.isfile(p) and os.path.getsize(p) <= MAX:
                yield read(p)
    else:
        raise SystemExit("unknown fuzz target: " + target)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    for n, data in enumerate(seeds(target), 1):
        with open(os.path.join(out, "seed-%05d" % n), "wb") as f:
            f.write(data[:MAX])
    print("%s: %d seeds in %s" % (target, n, out))


if __name__ == "__main__":
    main()
