#!/usr/bin/env python3
"""fargate-doctor and cfn-lint side by side on the corpus CloudFormation designs and on scripted
mutations of them (issue 14): for each, the codes fargate-doctor reports at blocker severity,
whether the mutation's code is among them, what cfn-lint reports, and the whole-process time of
each (median of --runs). Prints a Markdown table (the README's).

    bench/predeploy/compare.py [--binary build/fargate-doctor] [--corpus ../shared/corpus] [--runs 3]

Python 3 standard library and python3-yaml (Debian) only. cfn-lint is not packaged by Debian:
when it is not on PATH its columns say so. Mutations are applied to a copy in a temporary folder,
written as JSON (YAML short-form tags are turned into their long form first). fargate-doctor
is given the Region and account a deployment pipeline knows (CONTEXT)."""

import argparse
import copy
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import yaml
except ImportError:
    sys.exit("compare.py needs python3-yaml (apt-get install python3-yaml)")

CFN = "cloudformation"
# Each design: the templates of one deployment (STACK=PATH names a stack whose exports others
# import), the parameters it needs, and whether a healthy design must get no blocker.
PRIVATE_IMAGE = "ImageUri=111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"
# Mutations that leave a design working, and why (the service does not use what they break).
PUBLIC_SERVICE = {"NAT routes removed": "the service runs in public subnets"}
PRIVATE_SERVICE = {"public IP disabled in a public subnet": "the service runs in private subnets"}
NOT_ECR = {"execution role without ECR pull": "the image is not in a private ECR repository"}
DESIGNS = [
    ("nathanpeck: public subnets", ["production=aws-cloudformation-fargate/public-vpc.yml",
                                    "aws-cloudformation-fargate/public-subnet-public-loadbalancer.yml"], [], NOT_ECR),
    ("nathanpeck: private subnets, NAT", ["production=aws-cloudformation-fargate/public-private-vpc.yml",
                                          "aws-cloudformation-fargate/private-subnet-public-loadbalancer.yml"], [],
     {**PRIVATE_SERVICE, **NOT_ECR}),
    ("aws-cloudformation-templates: private subnets, 2 NAT", [
        "production=aws-cloudformation-templates/private-vpc.json",
        "aws-cloudformation-templates/private-subnet-public-service.json"], ["StackName=production"],
     {**PRIVATE_SERVICE, **NOT_ECR}),
    ("container-patterns: isolated VPC, endpoints only (SAM parent)", [
        "container-patterns/ecs-cluster-isolated-vpc-no-nat-gateway/parent.yml"], [PRIVATE_IMAGE], {}),
    # Its VPC and subnets are parameters: the network is not in the template, so the network
    # mutations can only leave the placement undecided.
    ("container-patterns: EFS, subnets as parameters", [
        "container-patterns/cloudformation-ecs-durable-task-storage-with-efs/ecs-mount-efs-storage.yml"], [],
     {"task SG egress emptied": "the subnets are parameters: placement undecided",
      "public IP disabled in a public subnet": "the subnets are parameters: placement undecided", **NOT_ECR}),
    ("CDK: queue processing, isolated subnets", [
        "aws-cdk/integ.queue-processing-fargate-service-isolated.js.snapshot"], [], {}),
    ("CDK: queue processing, public", ["aws-cdk/integ.queue-processing-fargate-service-public.js.snapshot"], [],
     PUBLIC_SERVICE),
    ("CDK: L3 patterns", ["aws-cdk/integ.l3.js.snapshot"], [], {}),
]


class Tagged:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


class CfnLoader(yaml.SafeLoader):
    pass


def _tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(suffix, value)


CfnLoader.add_multi_constructor("!", _tagged)


def long_form(v):
    """YAML short-form intrinsics as their JSON long form."""
    if isinstance(v, Tagged):
        inner = long_form(v.value)
        if v.tag == "Ref":
            return {"Ref": inner}
        if v.tag == "GetAtt" and isinstance(inner, str):
            return {"Fn::GetAtt": inner.split(".", 1)}
        if v.tag == "Condition":
            return {"Condition": inner}
        return {"Fn::" + v.tag: inner}
    if isinstance(v, dict):
        return {k: long_form(x) for k, x in v.items()}
    if isinstance(v, list):
        return [long_form(x) for x in v]
    return v


def load(path):
    with open(path) as f:
        text = f.read()
    return json.loads(text) if text.lstrip().startswith("{") else long_form(yaml.load(text, CfnLoader))


def resources(doc, type_):
    return [(k, r) for k, r in doc.get("Resources", {}).items() if r.get("Type") == type_]


def is_ref_to(v, ids):
    return isinstance(v, dict) and (v.get("Ref") in ids or (isinstance(v.get("Fn::GetAtt"), list) and v["Fn::GetAtt"][0] in ids))


# Mutations: (name, expected code, function(doc) -> True when it changed something).
def drop_nat_routes(doc):
    nats = {k for k, _ in resources(doc, "AWS::EC2::NatGateway")}
    drop = [k for k, r in resources(doc, "AWS::EC2::Route") if is_ref_to(r.get("Properties", {}).get("NatGatewayId"), nats)]
    for k in drop:
        del doc["Resources"][k]
    return bool(drop)


def endpoint(doc, service):
    for k, r in resources(doc, "AWS::EC2::VPCEndpoint"):
        if service in json.dumps(r.get("Properties", {}).get("ServiceName", "")):
            return k, r
    return None, None


def drop_dkr_endpoint(doc):
    k, _ = endpoint(doc, "ecr.dkr")
    if k:
        del doc["Resources"][k]
        for r in doc["Resources"].values():  # DependsOn it
            d = r.get("DependsOn")
            if d == k:
                del r["DependsOn"]
            elif isinstance(d, list) and k in d:
                d.remove(k)
    return bool(k)


def private_dns_off(doc):
    k, r = endpoint(doc, "ecr.dkr")
    if k:
        r.setdefault("Properties", {})["PrivateDnsEnabled"] = False
    return bool(k)


def s3_gateway_off(doc):
    k, r = endpoint(doc, ".s3")
    if k and r.get("Properties", {}).get("RouteTableIds"):
        r["Properties"]["RouteTableIds"] = []
        return True
    return False


def task_sg_egress_empty(doc):
    groups = set()
    for _, r in resources(doc, "AWS::ECS::Service"):
        net = r.get("Properties", {}).get("NetworkConfiguration", {}).get("AwsvpcConfiguration", {})
        for g in net.get("SecurityGroups", []) or []:
            if isinstance(g, dict) and ("Ref" in g or "Fn::GetAtt" in g):
                groups.add(g.get("Ref") or g["Fn::GetAtt"][0])
    changed = False
    for k in groups:
        r = doc["Resources"].get(k)
        if r and r.get("Type") == "AWS::EC2::SecurityGroup":
            # CloudFormation allows all egress when none is written: the CDK way to say none.
            r.setdefault("Properties", {})["SecurityGroupEgress"] = [
                {"CidrIp": "255.255.255.255/32", "IpProtocol": "icmp", "FromPort": 252, "ToPort": 86}]
            changed = True
    return changed


def public_ip_disabled(doc):
    changed = False
    for _, r in resources(doc, "AWS::ECS::Service"):
        net = r.get("Properties", {}).get("NetworkConfiguration", {}).get("AwsvpcConfiguration", {})
        if net.get("AssignPublicIp") == "ENABLED":
            net["AssignPublicIp"] = "DISABLED"
            changed = True
    return changed


def cpu_memory_invalid(doc):
    changed = False
    for _, r in resources(doc, "AWS::ECS::TaskDefinition"):
        p = r.setdefault("Properties", {})
        p["Cpu"], p["Memory"] = "256", "4096"
        changed = True
    return changed


def _without_ecr(actions):
    keep = [a for a in ([actions] if isinstance(actions, str) else actions) if not (isinstance(a, str) and a.lower().startswith("ecr:"))]
    return keep


def exec_role_without_pull(doc):
    """The execution role loses its ECR pull: the managed execution policy becomes the
    logs-only CloudWatchLogsFullAccess, and every policy statement here drops its ecr: actions
    (CDK grants the pull of an asset image in the role's DefaultPolicy)."""
    changed = False
    for _, r in resources(doc, "AWS::IAM::Role"):
        arns = r.get("Properties", {}).get("ManagedPolicyArns") or []
        for i, a in enumerate(arns):
            if "AmazonECSTaskExecutionRolePolicy" in json.dumps(a):
                arns[i] = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"
                changed = True
    docs = [r.get("Properties", {}).get("PolicyDocument") for _, r in resources(doc, "AWS::IAM::Policy")]
    for _, r in resources(doc, "AWS::IAM::Role"):
        docs += [p.get("PolicyDocument") for p in r.get("Properties", {}).get("Policies") or [] if isinstance(p, dict)]
    for d in docs:
        if not isinstance(d, dict):
            continue
        statements = d.get("Statement") or []
        for st in statements if isinstance(statements, list) else [statements]:
            if isinstance(st, dict) and "Action" in st:
                keep = _without_ecr(st["Action"])
                if len(keep) != len([st["Action"]] if isinstance(st["Action"], str) else st["Action"]):
                    st["Action"] = keep or ["logs:CreateLogStream"]
                    changed = True
    return changed


def target_type_default(doc):
    """Every ip target group written without TargetType: CloudFormation's default, instance,
    which an awsvpc service cannot register with."""
    changed = False
    for _, r in resources(doc, "AWS::ElasticLoadBalancingV2::TargetGroup"):
        p = r.get("Properties", {})
        if p.get("TargetType") == "ip":
            del p["TargetType"]
            changed = True
    return changed


MUTATIONS = [
    # No way out: NET002, or IMG006 when the image is a public registry's.
    ("NAT routes removed", ("NET002", "IMG006"), drop_nat_routes),
    ("ecr.dkr endpoint removed", ("VPCE001",), drop_dkr_endpoint),
    ("ecr.dkr private DNS off", ("VPCE006",), private_dns_off),
    ("S3 gateway off the route tables", ("VPCE003",), s3_gateway_off),
    ("task SG egress emptied", ("FW001",), task_sg_egress_empty),
    ("public IP disabled in a public subnet", ("NET001",), public_ip_disabled),
    ("invalid CPU/memory pair", ("TD001",), cpu_memory_invalid),
    ("execution role without ECR pull", ("IAM004",), exec_role_without_pull),
    ("target group TargetType left to the default", ("SVC001",), target_type_default),
]


def timed(cmd, runs):
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times) * 1000


# What a pipeline that deploys the templates knows and passes: their Region and account.
CONTEXT = ["--region", "eu-west-1", "--account", "111122223333"]


def run_doctor(binary, args, params, runs):
    cmd = [binary, "diagnose", "--format", "json"] + CONTEXT + args
    for p in params:
        cmd += ["--parameter", p]
    out, ms = timed(cmd, runs)
    if out.returncode == 2:
        return "error: " + (out.stderr.strip().splitlines() or ["?"])[-1][:80], set(), ms
    report = json.loads(out.stdout)
    blockers = sorted({f["code"] for f in report.get("findings", []) if f["severity"] == "blocker"})
    return (", ".join(blockers) or "no blocker") + f" ({report['verdict']})", set(blockers), ms


def run_cfn_lint(files, runs):
    if not shutil.which("cfn-lint"):
        return "cfn-lint not installed", 0.0
    out, ms = timed(["cfn-lint", "--format", "parseable"] + files, runs)
    codes = sorted({line.split(":")[5] for line in out.stdout.splitlines() if line.count(":") >= 6})
    return ", ".join(codes) or "nothing", ms / max(1, len(files))


def template_files(corpus, args):
    """The template files an argument names (for cfn-lint): a CDK assembly's *.template.json."""
    out = []
    for a in args:
        path = os.path.join(corpus, a.split("=", 1)[-1]) if corpus else a.split("=", 1)[-1]
        if os.path.isdir(path):
            out += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".template.json"))
        else:
            out.append(path)
    return out


def design_templates(src):
    """The template files a design argument stands for: the file itself, every template of a
    CDK assembly folder, and the children of a parent that nests stacks (same folder)."""
    if os.path.isdir(src):
        return [os.path.join(src, f) for f in sorted(os.listdir(src)) if f.endswith(".template.json")]
    with open(src) as f:
        nests = any(t in f.read() for t in ("AWS::Serverless::Application", "AWS::CloudFormation::Stack"))
    if not nests:
        return [src]
    folder = os.path.dirname(src)
    return [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith((".yml", ".yaml", ".json"))]


def mutated_copy(corpus, args, mutate, tmp):
    """Copies the folders the design's templates live in (nested stacks and CDK assemblies name
    their templates by relative path), applies `mutate` to the design's templates there, and
    returns the arguments pointing into the copy. A template is written back as JSON under its
    own name (JSON is YAML, so a .yml name still reads)."""
    root = tempfile.mkdtemp(dir=tmp)
    out, changed = [], False
    for x in args:
        stack, _, rel = x.rpartition("=")
        src = os.path.join(corpus, rel)
        folder = src if os.path.isdir(src) else os.path.dirname(src)
        dst_folder = os.path.join(root, os.path.relpath(folder, corpus))
        if not os.path.isdir(dst_folder):
            shutil.copytree(folder, dst_folder)
        for t in design_templates(src):
            path = os.path.join(dst_folder, os.path.basename(t))
            doc = load(path)
            if isinstance(doc, dict) and "Resources" in doc and mutate(doc):
                changed = True
                with open(path, "w") as fh:
                    json.dump(doc, fh, indent=1)
        out.append((stack + "=" if stack else "") + os.path.join(root, os.path.relpath(src, corpus)))
    return out, changed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default="build/fargate-doctor")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../../shared/corpus"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    corpus = os.path.join(a.corpus, CFN)
    if not os.path.isdir(corpus):
        sys.exit(f"no corpus at {corpus}: give --corpus")
    print("| design | change | fargate-doctor blockers | expected | ms | cfn-lint | ms/template |")
    print("|---|---|---|---|---|---|---|")
    misses = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, args, params, not_applicable in DESIGNS:
            full = [(x.split("=", 1)[0] + "=" if "=" in x else "") + os.path.join(corpus, x.split("=", 1)[-1]) for x in args]
            text, codes, ms = run_doctor(a.binary, full, params, a.runs)
            lint, lint_ms = run_cfn_lint(template_files(corpus, args), a.runs)
            healthy_ok = not codes
            misses += 0 if healthy_ok else 1
            print(f"| {name} | none | {text} | no blocker {'✓' if healthy_ok else '✗'} | {ms:.0f} | {lint} | {lint_ms:.0f} |")
            for mname, expect, mutate in MUTATIONS:
                copy_args, changed = mutated_copy(corpus, args, mutate, tmp)
                if not changed:
                    continue
                text, codes, ms = run_doctor(a.binary, copy_args, params, a.runs)
                lint, lint_ms = run_cfn_lint(template_files("", copy_args), a.runs)
                why = not_applicable.get(mname)
                hit = not codes if why else bool(codes & set(expect))
                misses += 0 if hit else 1
                want = f"no blocker: {why}" if why else " or ".join(expect)
                print(f"| {name} | {mname} | {text} | {want} {'✓' if hit else '✗'} | {ms:.0f} | {lint} | {lint_ms:.0f} |")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
