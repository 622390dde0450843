"""Resource-policy, KMS and guardrail scenarios (IAM011-IAM016, IMG011, LOG004, STO008, VPCE011):
the healthy PRIVATE-NAT (or ENDPOINTS) design with KMS keys (kms describe-key KeyMetadata, the
enveloped kms get-key-policy), an ECR repository policy (ecr get-repository-policy), a secret's
resource policy (secretsmanager get-resource-policy) or an endpoint policy edited in. Loaded by
generate.py (register(g))."""

import json


def register(g):
    A = g.ACCOUNT
    R = "eu-west-3"
    KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
    KEY = f"arn:aws:kms:{R}:{A}:key/{KEY_ID}"
    ROLE = f"arn:aws:iam::{A}:role/api-task-execution"
    REPO = f"arn:aws:ecr:{R}:{A}:repository/api"

    def nat(*mutations):
        d = g.build_nat()
        d.mutations = list(mutations)
        return d

    def key_metadata(state="Enabled", manager="CUSTOMER", key_id=KEY_ID):
        arn = f"arn:aws:kms:{R}:{A}:key/{key_id}"
        return {"KeyMetadata": {
            "AWSAccountId": A, "KeyId": key_id, "Arn": arn, "CreationDate": 1676017218.411,
            "Enabled": state == "Enabled", "Description": "api secrets", "KeyUsage": "ENCRYPT_DECRYPT",
            "KeyState": state, "Origin": "AWS_KMS", "KeyManager": manager,
            "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT",
            "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": False,
            **({"DeletionDate": 1741900000.0, "PendingDeletionWindowInDays": 7}
               if state == "PendingDeletion" else {})}}

    def key_policy(statements, key=KEY):
        return {"fargateDoctorEnvelope": 1,
                "command": ["kms", "get-key-policy", "--key-id", key, "--policy-name", "default"],
                "region": R,
                "output": {"Policy": json.dumps({"Version": "2012-10-17", "Id": "key-default-1",
                                                 "Statement": statements}, indent=2),
                           "PolicyName": "default"}}

    def repo_policy(text):
        """ecr get-repository-policy, enveloped: its answer names neither Region nor a usable
        account context on its own (inputs.md)."""
        return {"fargateDoctorEnvelope": 1,
                "command": ["ecr", "get-repository-policy", "--repository-name", "api",
                            "--registry-id", A],
                "region": R,
                "output": {"registryId": A, "repositoryName": "api", "policyText": text}}

    ROOT_STATEMENT = {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                      "Principal": {"AWS": f"arn:aws:iam::{A}:root"}, "Action": "kms:*",
                      "Resource": "*"}

    def secret_key(state="Enabled", statements=None):
        def edit(files):
            files["secretsmanager-describe-secret.json"]["KmsKeyId"] = KEY
            files["kms-describe-key.json"] = key_metadata(state)
            if statements is not None:
                files["kms-get-key-policy.json"] = key_policy(statements)
                pol = files["iam-get-account-authorization-details.json"]["RoleDetailList"][0]
                pol["RolePolicyList"][0]["PolicyDocument"]["Statement"].append(
                    {"Sid": "DecryptDbSecret", "Effect": "Allow", "Action": "kms:Decrypt",
                     "Resource": KEY})
        return edit

    @g.scenario("iam012-secret-key-disabled")
    def _():
        d = nat(secret_key("Disabled"))
        return g.Scenario(d, """\
PRIVATE-NAT design whose secret prod/api/db-password is encrypted with a customer managed key that
kms describe-key shows Disabled (causes.md D12). IAM012 blocker on the key.""",
                          "blocked", 1, findings=[g.F("IAM012", KEY, "blocker")])

    @g.scenario("iam012-key-policy-omits-role")
    def _():
        only_admin = [{"Sid": "KeyAdministration", "Effect": "Allow",
                       "Principal": {"AWS": f"arn:aws:iam::{A}:role/key-admin"},
                       "Action": ["kms:Describe*", "kms:Enable*", "kms:Put*"], "Resource": "*"}]
        d = nat(secret_key("Enabled", only_admin))
        return g.Scenario(d, """\
PRIVATE-NAT design whose secret's customer managed key is Enabled, but its key policy names only a
key-admin role: no statement allows kms:Decrypt to the execution role, directly or through the
account root, although the role's own policy allows it (causes.md D12). IAM012 blocker.""",
                          "blocked", 1, findings=[g.F("IAM012", KEY, "blocker")])

    @g.scenario("kms-keys-healthy")
    def _():
        via_sm = {"Sid": "AllowDecryptThroughSecretsManager", "Effect": "Allow",
                  "Principal": {"AWS": ROLE}, "Action": "kms:Decrypt", "Resource": "*",
                  "Condition": {"StringEquals": {"kms:ViaService": f"secretsmanager.{R}.amazonaws.com"}}}
        logs = {"Sid": "AllowCloudWatchLogs", "Effect": "Allow",
                "Principal": {"Service": f"logs.{R}.amazonaws.com"},
                "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                           "kms:Describe*"], "Resource": "*",
                "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
                                          f"arn:aws:logs:{R}:{A}:log-group:*"}}}
        fargate = {"Sid": "AllowFargateEphemeralStorage", "Effect": "Allow",
                   "Principal": {"Service": "fargate.amazonaws.com"},
                   "Action": ["kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant"],
                   "Resource": "*",
                   "Condition": {"StringEquals": {
                       "kms:EncryptionContext:aws:ecs:clusterAccount": [A],
                       "kms:EncryptionContext:aws:ecs:clusterName": ["prod"]}}}

        def edit(files):
            secret_key("Enabled", [ROOT_STATEMENT, via_sm, logs, fargate])(files)
            files["logs-describe-log-groups.json"]["logGroups"][0]["kmsKeyId"] = KEY
            repo = files["ecr-describe-repositories.json"]["repositories"][0]
            repo["encryptionConfiguration"] = {"encryptionType": "KMS", "kmsKey": KEY}
            files["ecs-describe-clusters.json"]["clusters"][0]["configuration"] = {
                "managedStorageConfiguration": {"fargateEphemeralStorageKmsKeyId": KEY_ID}}
            files["ecr-get-repository-policy.json"] = repo_policy(json.dumps({"Version": "2012-10-17", "Statement": [{
                    "Sid": "AllowPullFromOrg", "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{A}:root"},
                    "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                               "ecr:BatchCheckLayerAvailability"]}]}, indent=2))
            files["secretsmanager-get-resource-policy.json"] = {
                "ARN": files["secretsmanager-describe-secret.json"]["ARN"],
                "Name": "prod/api/db-password",
                "ResourcePolicy": json.dumps({"Version": "2012-10-17", "Statement": [{
                    "Sid": "OnlyTheApiRole", "Effect": "Deny", "Principal": "*",
                    "Action": "secretsmanager:GetSecretValue", "Resource": "*",
                    "Condition": {"StringNotEquals": {"aws:PrincipalArn": [ROLE]}}}]})}
        d = nat(edit)
        return g.Scenario(d, """\
PRIVATE-NAT design that encrypts everything with one Enabled customer managed key whose policy is
built the way AWS documents: the account-root statement, kms:Decrypt for the execution role through
Secrets Manager (kms:ViaService), CloudWatch Logs for the Region's log groups, and Fargate's
ephemeral-storage statements for cluster prod. The repository policy allows the account; the
secret's resource policy denies everyone but the execution role. IAM011, IAM012, IAM013, IMG011,
LOG004 and STO008 stay silent.""",
                          "ok", 0)

    @g.scenario("log004-log-group-key-pending-deletion")
    def _():
        def edit(files):
            files["logs-describe-log-groups.json"]["logGroups"][0]["kmsKeyId"] = KEY
            files["kms-describe-key.json"] = key_metadata("PendingDeletion")
        d = nat(edit)
        return g.Scenario(d, """\
PRIVATE-NAT design whose log group /ecs/api is encrypted with a customer managed key scheduled for
deletion (causes.md G4). LOG004 blocker on the key.""",
                          "blocked", 1, findings=[g.F("LOG004", KEY, "blocker")])

    @g.scenario("img011-repository-key-disabled")
    def _():
        def edit(files):
            repo = files["ecr-describe-repositories.json"]["repositories"][0]
            repo["encryptionConfiguration"] = {"encryptionType": "KMS", "kmsKey": KEY}
            files["kms-describe-key.json"] = key_metadata("Disabled")
        d = nat(edit)
        return g.Scenario(d, """\
PRIVATE-NAT design whose ECR repository api is KMS-encrypted with a customer managed key that is
Disabled (causes.md E11, D12). IMG011 blocker on the key.""",
                          "blocked", 1, findings=[g.F("IMG011", KEY, "blocker")])

    @g.scenario("sto008-ephemeral-key-by-alias")
    def _():
        cluster = f"arn:aws:ecs:{R}:{A}:cluster/prod"

        def edit(files):
            files["ecs-describe-clusters.json"]["clusters"][0]["configuration"] = {
                "managedStorageConfiguration": {"fargateEphemeralStorageKmsKeyId": "alias/ecs-ephemeral"}}
        d = nat(edit)
        return g.Scenario(d, """\
PRIVATE-NAT design whose cluster prod names its Fargate ephemeral storage key by alias, which
Fargate does not accept (causes.md H8). STO008 blocker on the cluster.""",
                          "blocked", 1, findings=[g.F("STO008", cluster, "blocker")])

    @g.scenario("iam011-repository-policy-deny")
    def _():
        def edit(files):
            files["ecr-get-repository-policy.json"] = repo_policy(json.dumps({"Version": "2012-10-17", "Statement": [{
                    "Sid": "DenyOutsideVpce", "Effect": "Deny", "Principal": "*",
                    "Action": "ecr:*",
                    "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f60718"}}}]},
                    indent=2))
        d = nat(edit)
        return g.Scenario(d, """\
PRIVATE-NAT design whose repository policy denies every ECR call that does not come through
endpoint vpce-0a1b2c3d4e5f60718; the task pulls through the NAT gateway, so aws:SourceVpce is
absent and the Deny applies (causes.md D11). IAM011 blocker on the repository.""",
                          "blocked", 1, findings=[g.F("IAM011", REPO, "blocker")])

    @g.scenario("iam013-secret-policy-deny")
    def _():
        def edit(files):
            files["secretsmanager-get-resource-policy.json"] = {
                "ARN": files["secretsmanager-describe-secret.json"]["ARN"],
                "Name": "prod/api/db-password",
                "ResourcePolicy": json.dumps({"Version": "2012-10-17", "Statement": [{
                    "Sid": "OnlyFromTheVpc", "Effect": "Deny", "Principal": "*",
                    "Action": "secretsmanager:*", "Resource": "*",
                    "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-0fedcba9876543210"}}}]})}
        d = nat(edit)
        secret = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/db-password-Xa9kQ2"
        return g.Scenario(d, """\
PRIVATE-NAT design whose secret's resource policy denies every call that does not come from
vpc-0fedcba9876543210 through an endpoint; the task reads the secret through the NAT gateway, so
aws:SourceVpc is absent and the Deny applies (causes.md D13). IAM013 blocker on the secret.""",
                          "blocked", 1, findings=[g.F("IAM013", secret, "blocker")])

    @g.scenario("iam015-service-linked-role-missing")
    def _():
        def edit(files):
            roles = files["iam-get-account-authorization-details.json"]["RoleDetailList"]
            roles[:] = [r for r in roles if r["RoleName"] != "AWSServiceRoleForECS"]
        d = nat(edit)
        slr = f"arn:aws:iam::{A}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"
        return g.Scenario(d, """\
PRIVATE-NAT design whose account-wide role listing (get-account-authorization-details) has no
AWSServiceRoleForECS (causes.md D15). IAM015 warning.""",
                          "at-risk", 0, findings=[g.F("IAM015", slr, "warning")])

    @g.scenario("vpce011-s3-endpoint-policy-omits-layer-bucket")
    def _():
        def edit(files):
            for e in files["ec2-describe-vpc-endpoints.json"]["VpcEndpoints"]:
                if e["ServiceName"].endswith(".s3"):
                    e["PolicyDocument"] = json.dumps({"Version": "2012-10-17", "Statement": [{
                        "Sid": "OnlyOurBuckets", "Effect": "Allow", "Principal": "*",
                        "Action": "s3:*",
                        "Resource": ["arn:aws:s3:::acme-config", "arn:aws:s3:::acme-config/*"]}]})
        d = g.build_endpoints()
        d.mutations = [edit]
        s3 = [e for e in d.endpoints.values() if e["ServiceName"].endswith(".s3")][0]["VpcEndpointId"]
        return g.Scenario(d, """\
ENDPOINTS design whose S3 gateway endpoint policy allows only the acme-config bucket: the image
layers in prod-eu-west-3-starport-layer-bucket cannot be read through it (causes.md C11). VPCE011
blocker on the S3 endpoint.""",
                          "blocked", 1, findings=[g.F("VPCE011", s3, "blocker")])

    def event(files, message, at="2025-03-11T09:47:02.511000+01:00"):
        svc = files["ecs-describe-services.json"]["services"][0]
        svc["events"] = [{"id": "4c8f7e2a-5b1d-4e3f-9a6c-2d7b8e9f0a1b", "createdAt": at,
                          "message": message}] + svc.get("events", [])

    @g.scenario("iam016-role-created-minutes-before")
    def _():
        def edit(files):
            files["iam-get-account-authorization-details.json"]["RoleDetailList"][0]["CreateDate"] = \
                "2025-03-11T08:44:10+00:00"
            event(files, "(service api) failed to launch a task with (error ECS was unable to assume "
                         f"the role '{ROLE}' that was provided for this task. Please verify that the "
                         "role being passed has the proper trust relationship and permissions and "
                         "that your IAM user has permissions to pass this role.)")
        d = nat(edit)
        return g.Scenario(d, """\
PRIVATE-NAT design whose execution role was created at 09:44:10 (+01:00) and whose service
recorded "ECS was unable to assume the role" at 09:47:02, three minutes later, with a trust policy
that admits ecs-tasks.amazonaws.com (causes.md D16). IAM016 warning on the role.""",
                          "at-risk", 0, findings=[g.F("IAM016", ROLE, "warning")],
                          maybe=["SVC012"])

    @g.scenario("iam014-passrole-refused")
    def _():
        def edit(files):
            event(files, f"User: arn:aws:sts::{A}:assumed-role/deploy-pipeline/ci-7731 is not "
                         "authorized to perform: iam:PassRole on resource: "
                         f"{ROLE} because no identity-based policy allows the iam:PassRole action")
        d = nat(edit)
        return g.Scenario(d, """\
PRIVATE-NAT design whose service recorded that the deploy-pipeline role could not pass the execution
role (AccessDenied on iam:PassRole, causes.md D14). IAM014 warning on the execution role.""",
                          "at-risk", 0, findings=[g.F("IAM014", ROLE, "warning")],
                          maybe=["SVC012"])

    @g.scenario("sto005-efs-iam-without-transit-encryption")
    def _():
        fs_id = "fs-0c5e7a9b1d3f24680"

        def edit(files):
            td = files["ecs-describe-task-definition.json"]["taskDefinition"]
            td["volumes"] = [{"name": "reports", "efsVolumeConfiguration": {
                "fileSystemId": fs_id, "rootDirectory": "/", "transitEncryption": "DISABLED",
                "authorizationConfig": {"iam": "ENABLED"}}}]
            td["containerDefinitions"][0]["mountPoints"] = [
                {"sourceVolume": "reports", "containerPath": "/srv/reports", "readOnly": True}]
        d = nat(edit)
        return g.Scenario(d, f"""\
PRIVATE-NAT design whose task definition mounts EFS file system {fs_id} with IAM authorization
but transitEncryption DISABLED and no task role (causes.md H5). STO005 blocker on the file
system; the mount targets are not in the snapshot, so the EFS network checks stay unchecked.""",
                          "blocked", 1, findings=[g.F("STO005", fs_id, "blocker")],
                          maybe=["STO002", "STO003", "STO004", "STO007"])

    # ---- IAM009: organizations guardrails -------------------------------------------------------

    FULL_ACCESS_ID = "p-FullAWSAccess"

    def org_policy(policy_id, name, statements, aws_managed=False):
        """organizations describe-policy, enveloped with the target it is attached to (the
        answer alone does not say where the policy applies)."""
        return {"fargateDoctorEnvelope": 1,
                "command": ["organizations", "describe-policy", "--policy-id", policy_id],
                "target": A,
                "output": {"Policy": {
                    "PolicySummary": {
                        "Id": policy_id,
                        "Arn": (f"arn:aws:organizations::aws:policy/service_control_policy/{policy_id}"
                                if aws_managed else
                                f"arn:aws:organizations::{A}:policy/o-a1b2c3d4e5/"
                                f"service_control_policy/{policy_id}"),
                        "Name": name, "Description": name, "Type": "SERVICE_CONTROL_POLICY",
                        "AwsManaged": aws_managed},
                    "Content": json.dumps({"Version": "2012-10-17", "Statement": statements})}}}

    def full_access(files):
        files["organizations-describe-policy-full-access.json"] = org_policy(
            FULL_ACCESS_ID, "FullAWSAccess",
            [{"Effect": "Allow", "Action": "*", "Resource": "*"}], aws_managed=True)

    @g.scenario("iam009-scp-denies-ecr-outside-endpoint")
    def _():
        scp_id = "p-7h2k9d3x1q"

        def edit(files):
            full_access(files)
            files["organizations-describe-policy-ecr-perimeter.json"] = org_policy(
                scp_id, "ecr-only-through-endpoints",
                [{"Sid": "DenyEcrOutsideEndpoints", "Effect": "Deny", "Action": "ecr:*",
                  "Resource": "*",
                  "Condition": {"Null": {"aws:SourceVpce": "true"}}}])
        d = nat(edit)
        return g.Scenario(d, f"""\
PRIVATE-NAT design whose account carries, next to FullAWSAccess, an SCP ({scp_id}) denying every
ecr:* call that does not carry aws:SourceVpce (causes.md D9). The task reaches ECR through NAT and
ecr:GetAuthorizationToken never carries the key on Fargate: the execution role's ECR calls are
denied by the guardrail. IAM009 blocker on the SCP.""",
                          "blocked", 1, findings=[g.F("IAM009", scp_id, "blocker")])

    @g.scenario("iam009-scp-full-access-healthy")
    def _():
        d = nat(full_access)
        return g.Scenario(d, """\
PRIVATE-NAT design whose account carries only the FullAWSAccess SCP: the guardrail layer allows
every call the start makes, so IAM009 stays silent.""",
                          "ok", 0)
