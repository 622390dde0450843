"""IAM scenarios (IAM001-008, IAM010, LOG002): the healthy PRIVATE-NAT (or ENDPOINTS) design with
one edit of the execution role in `iam get-account-authorization-details`, built from the real AWS
managed policy documents of ../shared/corpus/iam. A healthy variant (managed execution policy,
least-privilege inline secrets policy on `secret:name-*`, trust conditioned on aws:SourceAccount)
keeps every IAM check silent. Loaded by generate.py (register(g))."""

import copy
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "iam"
IAM_CODES = ["IAM001", "IAM002", "IAM003", "IAM004", "IAM005", "IAM006", "IAM007", "IAM008",
             "IAM010", "LOG002"]


def managed(name):
    """Document and version of a real AWS managed policy (get-policy-version output)."""
    v = json.loads((CORPUS / f"{name}.json").read_text())["PolicyVersion"]
    return v["Document"], v["VersionId"], v["CreateDate"]


def register(g):
    acct = g.ACCOUNT
    region = "eu-west-3"
    exec_arn = f"arn:aws:iam::{acct}:role/api-task-execution"
    td_arn = f"arn:aws:ecs:{region}:{acct}:task-definition/api:7"

    def details(files):
        return files["iam-get-account-authorization-details.json"]

    def exec_role(files):
        return details(files)["RoleDetailList"][0]

    def taskdef(files):
        return files["ecs-describe-task-definition.json"]["taskDefinition"]

    def policy_entry(name, arn, document, version, created, path="/service-role/"):
        return {"PolicyName": name, "PolicyId": "ANPA" + name.upper()[:17].ljust(17, "X"),
                "Arn": arn, "Path": path, "DefaultVersionId": version, "AttachmentCount": 1,
                "PermissionsBoundaryUsageCount": 0, "IsAttachable": True, "CreateDate": created,
                "UpdateDate": created,
                "PolicyVersionList": [{"Document": document, "VersionId": version,
                                       "IsDefaultVersion": True, "CreateDate": created}]}

    def real_execution_policy(files):
        """Replace the generator's copy of AmazonECSTaskExecutionRolePolicy by the corpus text."""
        doc, version, created = managed("AmazonECSTaskExecutionRolePolicy")
        for p in details(files)["Policies"]:
            if p["PolicyName"] == "AmazonECSTaskExecutionRolePolicy":
                p["PolicyVersionList"] = [{"Document": doc, "VersionId": version,
                                           "IsDefaultVersion": True, "CreateDate": created}]

    def least_privilege(files):
        role = exec_role(files)
        secret = taskdef(files)["containerDefinitions"][0]["secrets"][0]["valueFrom"]
        base = secret.rsplit("-", 1)[0]
        role["RolePolicyList"] = [{"PolicyName": "read-db-secret", "PolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Sid": "ReadDbSecret", "Effect": "Allow",
                           "Action": "secretsmanager:GetSecretValue", "Resource": base + "-*"}]}}]
        role["AssumeRolePolicyDocument"] = {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": acct}}}]}

    def nat(*mutations, build=None):
        d = (build or g.build_nat)()
        d.mutations = [real_execution_policy, least_privilege, *mutations]
        return d

    def scenario(d, readme, verdict, exit_code, findings=(), **kw):
        sc = g.Scenario(d, readme, verdict, exit_code, findings=findings, **kw)
        fired = {f["code"] for f in findings}
        sc.expect["absent"] += [c for c in IAM_CODES if c not in fired]
        return sc

    def trust(statement):
        def edit(files):
            exec_role(files)["AssumeRolePolicyDocument"] = {"Version": "2012-10-17",
                                                            "Statement": [statement]}
        return edit

    @g.scenario("iam-healthy-least-privilege")
    def _():
        return scenario(nat(), """\
Healthy PRIVATE-NAT design whose execution role is built the way AWS documents it: the managed
AmazonECSTaskExecutionRolePolicy (the real v1 document), an inline policy granting
secretsmanager:GetSecretValue on exactly `secret:prod/api/db-password-*`, and a trust policy for
ecs-tasks.amazonaws.com conditioned on aws:SourceAccount. Every IAM check stays silent.""",
                        "ok", 0)

    @g.scenario("iam001-no-execution-role")
    def _():
        def drop(files):
            del taskdef(files)["executionRoleArn"]
        d = nat(drop)
        return scenario(d, """\
PRIVATE-NAT design whose task definition has no executionRoleArn while its container uses a
private ECR image, awslogs and a Secrets Manager secret (docs/design/causes.md#iam001). IAM001 blocker on the task
definition.""", "blocked", 1, findings=[g.F("IAM001", td_arn, "blocker")])

    @g.scenario("iam002-execution-role-deleted")
    def _():
        d = nat()
        d.td["exec_role"] = f"arn:aws:iam::{acct}:role/api-task-execution-v1"

        def keep_role(files):  # the account still has the old role only
            exec_role(files)["RoleName"] = "api-task-execution"
            exec_role(files)["Arn"] = exec_arn
        d.mutations.append(keep_role)
        return scenario(d, """\
PRIVATE-NAT design whose task definition names role api-task-execution-v1, which the complete role
listing of the account (get-account-authorization-details, not truncated) does not hold (docs/design/causes.md#iam002).
IAM002 blocker on the role ARN; the other IAM checks cannot evaluate a missing role and stay
silent.""", "blocked", 1, findings=[g.F("IAM002", d.td["exec_role"], "blocker")])

    @g.scenario("iam003-trust-ecs-service-principal")
    def _():
        d = nat(trust({"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"},
                       "Action": "sts:AssumeRole"}))
        return scenario(d, """\
PRIVATE-NAT design whose execution role trusts ecs.amazonaws.com (the ECS service principal) instead
of ecs-tasks.amazonaws.com (docs/design/causes.md#iam003). IAM003 blocker on the role; the evidence names the
principal.""", "blocked", 1, findings=[g.F("IAM003", exec_arn, "blocker")])

    @g.scenario("iam003-trust-specific-cluster-source-arn")
    def _():
        d = nat(trust({"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                       "Action": "sts:AssumeRole",
                       "Condition": {"ArnLike": {
                           "aws:SourceArn": f"arn:aws:ecs:{region}:{acct}:cluster/prod"}}}))
        return scenario(d, """\
PRIVATE-NAT design whose execution role's trust policy requires aws:SourceArn to be the cluster ARN,
which AWS documents as unsupported: ECS presents the task ARN, so the condition never matches
(docs/design/causes.md#iam003). IAM003 blocker on the role.""", "blocked", 1,
                        findings=[g.F("IAM003", exec_arn, "blocker")])

    @g.scenario("iam004-no-ecr-permissions")
    def _():
        def inline_only(files):
            role = exec_role(files)
            role["AttachedManagedPolicies"] = []
            role["RolePolicyList"].append({"PolicyName": "write-logs", "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Sid": "Logs", "Effect": "Allow",
                               "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                               "Resource": f"arn:aws:logs:{region}:{acct}:log-group:/ecs/api:*"}]}})
        d = nat(inline_only)
        return scenario(d, """\
PRIVATE-NAT design whose execution role has inline policies for the log group and the secret but no
ECR permission (the managed policy was detached, docs/design/causes.md#iam004). IAM004 blocker on the role: no
statement allows ecr:GetAuthorizationToken or the pull actions.""", "blocked", 1,
                        findings=[g.F("IAM004", exec_arn, "blocker")])

    @g.scenario("iam005-registry-pull-only-policy")
    def _():
        doc, version, created = managed("AmazonEC2ContainerRegistryPullOnly")
        arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"

        def pull_only(files):
            exec_role(files)["AttachedManagedPolicies"] = [
                {"PolicyName": "AmazonEC2ContainerRegistryPullOnly", "PolicyArn": arn}]
            details(files)["Policies"].append(policy_entry(
                "AmazonEC2ContainerRegistryPullOnly", arn, doc, version, created, path="/"))
        d = nat(pull_only)
        return scenario(d, """\
PRIVATE-NAT design whose execution role carries AmazonEC2ContainerRegistryPullOnly (the real
document) instead of the execution policy: images pull, but nothing allows logs:CreateLogStream or
logs:PutLogEvents on /ecs/api (docs/design/causes.md#iam005). IAM005 blocker on the role.""", "blocked", 1,
                        findings=[g.F("IAM005", exec_arn, "blocker")])

    @g.scenario("iam006-secret-policy-without-suffix-wildcard")
    def _():
        def exact(files):
            stmt = exec_role(files)["RolePolicyList"][0]["PolicyDocument"]["Statement"][0]
            stmt["Resource"] = stmt["Resource"][:-2]  # ...:secret:prod/api/db-password
        d = nat(exact)
        return scenario(d, """\
PRIVATE-NAT design whose inline secrets policy names `secret:prod/api/db-password` without `-*`: the
real ARN ends in a random suffix (-Xa9kQ2), so the statement never matches (docs/design/causes.md#iam006). IAM006
blocker on the role; the fix grants exactly the secret's ARN pattern.""", "blocked", 1,
                        findings=[g.F("IAM006", exec_arn, "blocker")])

    @g.scenario("iam007-task-role-trusts-ec2")
    def _():
        task_arn = f"arn:aws:iam::{acct}:role/api-app"

        def task_role(files):
            taskdef(files)["taskRoleArn"] = task_arn
            role = copy.deepcopy(exec_role(files))
            role.update({"RoleName": "api-app", "Arn": task_arn, "RoleId": "AROARZ5KXQ3N7APPAPI01",
                         "RolePolicyList": [], "AttachedManagedPolicies": []})
            role["AssumeRolePolicyDocument"] = {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                "Action": "sts:AssumeRole"}]}
            details(files)["RoleDetailList"].append(role)
        d = nat(task_role)
        return scenario(d, """\
PRIVATE-NAT design whose task role api-app was copied from an EC2 instance role: its trust policy
admits ec2.amazonaws.com only, so ECS cannot assume it at launch (docs/design/causes.md#iam007). IAM007 blocker on
the task role; the execution role stays healthy.""", "blocked", 1,
                        findings=[g.F("IAM007", task_arn, "blocker")])

    @g.scenario("iam008-boundary-without-ecr")
    def _():
        arn = f"arn:aws:iam::{acct}:policy/app-boundary"
        boundary = {"Version": "2012-10-17", "Statement": [
            {"Sid": "AppServices", "Effect": "Allow",
             "Action": ["logs:*", "secretsmanager:GetSecretValue", "s3:GetObject"],
             "Resource": "*"}]}

        def bound(files):
            exec_role(files)["PermissionsBoundary"] = {
                "PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn}
            details(files)["Policies"].append(policy_entry(
                "app-boundary", arn, boundary, "v2", "2024-06-03T09:12:44+00:00", path="/"))
        d = nat(bound)
        return scenario(d, """\
PRIVATE-NAT design whose execution role has the managed execution policy but a permissions boundary
written for application roles (logs, secrets, S3 only): the boundary caps ECR, so the pull is
denied although the role's policies allow it (docs/design/causes.md#iam008). IAM008 blocker on the role, not
IAM004.""", "blocked", 1, findings=[g.F("IAM008", exec_arn, "blocker")])

    @g.scenario("iam010-authtoken-conditioned-on-source-vpc")
    def _():
        d = g.build_endpoints()
        vpc = d.vpc_id()

        def vpc_only(files):
            role = exec_role(files)
            role["AttachedManagedPolicies"] = []
            role["RolePolicyList"].append({"PolicyName": "ecr-and-logs-in-vpc", "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Sid": "EcrAndLogsFromVpc", "Effect": "Allow",
                               "Action": ["ecr:GetAuthorizationToken",
                                          "ecr:BatchCheckLayerAvailability",
                                          "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
                                          "logs:CreateLogStream", "logs:PutLogEvents"],
                               "Resource": "*",
                               "Condition": {"StringEquals": {"aws:SourceVpc": vpc}}}]}})
        d.mutations = [real_execution_policy, least_privilege, vpc_only]
        return scenario(d, """\
ENDPOINTS design whose execution role allows ECR and logs only with aws:SourceVpc = the VPC. The
pull and log calls go through the interface endpoints and match, but ecr:GetAuthorizationToken never
carries aws:SourceVpc on Fargate (docs/design/causes.md#iam010). IAM010 blocker on the role, not IAM004.""",
                        "blocked", 1, findings=[g.F("IAM010", exec_arn, "blocker")])

    @g.scenario("log002-create-group-without-permission")
    def _():
        def create_group(files):
            taskdef(files)["containerDefinitions"][0]["logConfiguration"]["options"][
                "awslogs-create-group"] = "true"
        d = nat(create_group)
        return scenario(d, """\
PRIVATE-NAT design whose awslogs options set awslogs-create-group=true while the execution role has
only the managed execution policy, which lacks logs:CreateLogGroup (docs/design/causes.md#log002, §1.6). LOG002
blocker on the role.""", "blocked", 1, findings=[g.F("LOG002", exec_arn, "blocker")])
