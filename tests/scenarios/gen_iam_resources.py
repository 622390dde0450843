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
        account context on its own (docs/design/inputs.md)."""
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
kms describe-key shows Disabled (docs/design/causes.md#iam012). IAM012 blocker on the key.""",
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
account root, although the role's own policy allows it (docs/design/causes.md#iam012). IAM012 blocker.""",
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
deletion (docs/design/causes.md#log004). LOG004 blocker on the key.""",
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
Disabled (docs/design/causes.md#img011, #iam012). IMG011 blocker on the key.""",
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
Fargate does not accept (docs/design/causes.md#sto008). STO008 blocker on the cluster.""",
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
absent and the Deny applies (docs/design/causes.md#iam011). IAM011 blocker on the repository.""",
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
aws:SourceVpc is absent and the Deny applies (docs/design/causes.md#iam013). IAM013 blocker on the secret.""",
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
AWSServiceRoleForECS (docs/design/causes.md#iam015). IAM015 warning.""",
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
layers in prod-eu-west-3-starport-layer-bucket cannot be read through it (docs/design/causes.md#vpce011). VPCE011
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
that admits ecs-tasks.amazonaws.com (docs/design/causes.md#iam016). IAM016 warning on the role.""",
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
role (AccessDenied on iam:PassRole, docs/design/causes.md#iam014). IAM014 warning on the execution role.""",
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
but transitEncryption DISABLED and no task role (docs/design/causes.md#sto005). STO005 blocker on the file
system; the mount targets are not in the snapshot, so the EFS network checks stay unchecked.""",
                          "blocked", 1, findings=[g.F("STO005", fs_id, "blocker")],
                          maybe=["STO002", "STO003", "STO004", "STO007"])

    # ---- IAM009: organizations guardrails -------------------------------------------------------

    FULL_ACCESS_ID = "p-FullAWSAccess"

    def org_policy(policy_id, name, statements, aws_managed=False,
                   kind="SERVICE_CONTROL_POLICY", targets=None):
        """organizations describe-policy, enveloped with the target(s) it is attached to (the
        answer alone does not say where the policy applies)."""
        slug = kind.lower()
        return {"fargateDoctorEnvelope": 1,
                "command": ["organizations", "describe-policy", "--policy-id", policy_id],
                **({"targets": targets} if targets else {"target": A}),
                "output": {"Policy": {
                    "PolicySummary": {
                        "Id": policy_id,
                        "Arn": (f"arn:aws:organizations::aws:policy/{slug}/{policy_id}"
                                if aws_managed else
                                f"arn:aws:organizations::{A}:policy/o-a1b2c3d4e5/"
                                f"{slug}/{policy_id}"),
                        "Name": name, "Description": name, "Type": kind,
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
ecr:* call that does not carry aws:SourceVpce (docs/design/causes.md#iam009). The task reaches ECR through NAT and
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

    # Guardrails attached above the account: the organization's root and the workloads OU the
    # account sits in. AWS attaches the managed FullAWSAccess SCP and RCPFullAWSAccess RCP to
    # every root, OU and account when the policy type is enabled; the scenarios keep them.
    ROOT = "r-a1b2"
    OU = "ou-a1b2-k8j4m2x9"
    PATH = [ROOT, OU, A]
    SECRET = f"arn:aws:secretsmanager:{R}:{A}:secret:prod/api/db-password-Xa9kQ2"

    def listed(files):
        """organizations list-policies-for-target for each level of the account's path and each
        policy type present, as a collector that walks the path writes them: the lists say the
        levels hold no other policy (no stand-in for an unlisted one)."""
        docs = [f["output"]["Policy"]["PolicySummary"] | {"targets": f.get("targets", [f.get("target")])}
                for name, f in files.items()
                if name.startswith("organizations-describe-policy")]
        for kind in sorted({d["Type"] for d in docs}):
            for target in PATH:
                summaries = [{k: d[k] for k in ("Id", "Arn", "Name", "Description", "Type", "AwsManaged")}
                             for d in docs if d["Type"] == kind and target in d["targets"]]
                files[f"organizations-list-policies-for-target-{target}-{kind.lower()}.json"] = {
                    "fargateDoctorEnvelope": 1,
                    "command": ["organizations", "list-policies-for-target", "--target-id", target,
                                "--filter", kind],
                    "output": {"Policies": summaries}}

    def full_access_everywhere(files):
        files["organizations-describe-policy-full-access.json"] = org_policy(
            FULL_ACCESS_ID, "FullAWSAccess",
            [{"Effect": "Allow", "Action": "*", "Resource": "*"}], aws_managed=True, targets=PATH)

    def rcp_full_access(files):
        files["organizations-describe-policy-rcp-full-access.json"] = org_policy(
            "p-RCPFullAWSAccess", "RCPFullAWSAccess",
            [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}],
            aws_managed=True, kind="RESOURCE_CONTROL_POLICY", targets=PATH)

    # The data-perimeter RCP of AWS's examples: deny access to the organization's resources by
    # identities outside it (aws:PrincipalOrgID), AWS services acting for you exempted.
    ORG_PERIMETER_ID = "p-3rcpperim1"

    @g.scenario("iam009-rcp-org-perimeter-unknown")
    def _():
        def edit(files):
            rcp_full_access(files)
            files["organizations-describe-policy-org-perimeter.json"] = org_policy(
                ORG_PERIMETER_ID, "data-perimeter-identities",
                [{"Sid": "EnforceOrgIdentities", "Effect": "Deny", "Principal": "*",
                  "Action": ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole",
                             "sts:DecodeAuthorizationMessage", "sts:GetAccessKeyInfo",
                             "sts:GetFederationToken", "sts:GetServiceBearerToken",
                             "sts:GetSessionToken", "sts:SetContext"],
                  "Resource": "*",
                  "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},
                                "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}],
                kind="RESOURCE_CONTROL_POLICY", targets=[ROOT])
        d = nat(edit, listed)
        return g.Scenario(d, f"""\
PRIVATE-NAT design whose organization root carries, next to RCPFullAWSAccess, the data-perimeter
RCP {ORG_PERIMETER_ID} of AWS's examples: Deny secretsmanager:* (and s3, sqs, kms, sts) to any
principal whose aws:PrincipalOrgID is not o-a1b2c3d4e5. The snapshot does not say which
organization the account belongs to, so whether the execution role's secret read is denied hangs
on aws:PrincipalOrgID: IAM009 warning on the RCP naming the key (never a guess either way).""",
                          "at-risk", 0, findings=[g.F("IAM009", ORG_PERIMETER_ID, "warning")])

    # The same perimeter written with account IDs (a key-custody RCP on the workloads OU: only
    # the security account may use the organization's keys): decidable from the ARN alone.
    KEY_CUSTODY_ID = "p-3rcpkms0a1"

    def key_custody(accounts):
        def edit(files):
            rcp_full_access(files)
            files["organizations-describe-policy-key-custody.json"] = org_policy(
                KEY_CUSTODY_ID, "kms-key-custody",
                [{"Sid": "OnlyTrustedAccountsUseKeys", "Effect": "Deny", "Principal": "*",
                  "Action": ["kms:Decrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
                  "Resource": "*",
                  "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalAccount": accounts},
                                "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}],
                kind="RESOURCE_CONTROL_POLICY", targets=[OU])
        return edit

    @g.scenario("iam009-rcp-denies-kms-decrypt")
    def _():
        d = nat(secret_key("Enabled", [ROOT_STATEMENT]), key_custody(["444455556666"]), listed)
        return g.Scenario(d, f"""\
PRIVATE-NAT design whose secret is encrypted with a customer managed key (key policy: the account
root statement; the execution role allows kms:Decrypt on it) while the workloads OU {OU} carries
the RCP {KEY_CUSTODY_ID}: Deny kms:Decrypt to any principal whose aws:PrincipalAccount is not
444455556666. The execution role is in {A}, so decrypting the secret at start is denied whatever
the role and key policies say. IAM009 blocker on the RCP (level OU, Sid
OnlyTrustedAccountsUseKeys).""",
                          "blocked", 1, findings=[g.F("IAM009", KEY_CUSTODY_ID, "blocker")])

    @g.scenario("iam009-rcp-key-custody-admits-account-healthy")
    def _():
        d = nat(secret_key("Enabled", [ROOT_STATEMENT]), key_custody(["444455556666", A]), listed)
        return g.Scenario(d, f"""\
Healthy twin of iam009-rcp-denies-kms-decrypt: the key-custody RCP {KEY_CUSTODY_ID} on OU {OU}
lists the workload account {A} among the accounts that may use keys, so the start's kms:Decrypt
is allowed and IAM009 stays silent.""",
                          "ok", 0)

    # AWS's documented region-restriction SCP ("Deny access to AWS based on the requested AWS
    # Region"): NotAction exempts the global services, two roles may bypass it.
    REGION_SCP_ID = "p-9regionlk2"

    def region_scp(regions):
        def edit(files):
            full_access_everywhere(files)
            files["organizations-describe-policy-region-restriction.json"] = org_policy(
                REGION_SCP_ID, "deny-outside-allowed-regions",
                [{"Sid": "DenyAllOutsideEU", "Effect": "Deny",
                  "NotAction": ["a4b:*", "acm:*", "aws-marketplace-management:*",
                                "aws-marketplace:*", "aws-portal:*", "budgets:*", "ce:*",
                                "chime:*", "cloudfront:*", "config:*", "cur:*",
                                "directconnect:*", "ec2:DescribeRegions",
                                "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways",
                                "fms:*", "globalaccelerator:*", "health:*", "iam:*",
                                "importexport:*", "kms:*", "mobileanalytics:*",
                                "networkmanager:*", "organizations:*", "pricing:*",
                                "route53:*", "route53domains:*", "route53-recovery-cluster:*",
                                "route53-recovery-control-config:*",
                                "route53-recovery-readiness:*", "s3:GetAccountPublic*",
                                "s3:ListAllMyBuckets", "s3:ListMultiRegionAccessPoints",
                                "s3:PutAccountPublic*", "shield:*", "sts:*", "support:*",
                                "trustedadvisor:*", "waf-regional:*", "waf:*", "wafv2:*",
                                "wellarchitected:*"],
                  "Resource": "*",
                  "Condition": {"StringNotEquals": {"aws:RequestedRegion": regions},
                                "ArnNotLike": {"aws:PrincipalARN": [
                                    "arn:aws:iam::*:role/Role1AllowedToBypassThisSCP",
                                    "arn:aws:iam::*:role/Role2AllowedToBypassThisSCP"]}}}],
                targets=[OU])
        return edit

    @g.scenario("iam009-scp-region-restriction-denies")
    def _():
        d = nat(region_scp(["eu-central-1", "eu-west-1"]), listed)
        return g.Scenario(d, f"""\
PRIVATE-NAT design in {R} whose workloads OU {OU} carries AWS's documented region-restriction SCP
{REGION_SCP_ID} (Deny everything but the global services when aws:RequestedRegion is not
eu-central-1 or eu-west-1). The task runs in {R}: the execution role's ECR, CloudWatch Logs and
Secrets Manager calls are denied by the guardrail. IAM009 blocker on the SCP (level OU, Sid
DenyAllOutsideEU).""",
                          "blocked", 1, findings=[g.F("IAM009", REGION_SCP_ID, "blocker")])

    @g.scenario("iam009-scp-region-restriction-allows-region-healthy")
    def _():
        d = nat(region_scp(["eu-central-1", "eu-west-1", R]), listed)
        return g.Scenario(d, f"""\
Healthy twin of iam009-scp-region-restriction-denies: the region-restriction SCP {REGION_SCP_ID}
on OU {OU} lists {R} among the allowed Regions, so every call the start makes is in an allowed
Region and IAM009 stays silent.""",
                          "ok", 0)
