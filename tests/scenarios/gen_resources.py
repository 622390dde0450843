"""Resource scenarios (IMG, LOG, SEC): the healthy PRIVATE-NAT design with one edit of the ECR,
CloudWatch Logs or Secrets Manager output, so the image, log group or secret the task definition
names is missing, archived or scheduled for deletion. Loaded by generate.py (register(g))."""


def register(g):
    def nat(*mutations):
        d = g.build_nat()
        d.mutations = list(mutations)
        return d

    def tdarn(d):
        return g.td_arn(d.td)

    repo_arn = f"arn:aws:ecr:eu-west-3:{g.ACCOUNT}:repository/api"

    @g.scenario("img001-tag-missing")
    def _():
        def retag(files):
            files["ecr-describe-images.json"]["imageDetails"][0]["imageTags"] = ["1.3"]
        d = nat(retag)
        return g.Scenario(d, """\
PRIVATE-NAT design whose image tag api:1.4 was never pushed: describe-images of repository api lists
only tag 1.3 (docs/design/causes.md#img001). IMG001 blocker on the repository.""",
                          "blocked", 1, findings=[g.F("IMG001", repo_arn, "blocker")])

    @g.scenario("img002-digest-gone")
    def _():
        def repo_name(files):  # support_files takes the repository from a tagged URI
            r = files["ecr-describe-repositories.json"]["repositories"][0]
            r["repositoryName"], r["repositoryArn"] = "api", repo_arn
            r["repositoryUri"] = f"{g.ACCOUNT}.dkr.ecr.eu-west-3.amazonaws.com/api"
            files["ecr-describe-images.json"]["imageDetails"][0]["repositoryName"] = "api"
        d = nat(repo_name)
        d.td["image"] = (f"{g.ACCOUNT}.dkr.ecr.eu-west-3.amazonaws.com/api@sha256:"
                         "0000000000000000000000000000000000000000000000000000000000000001")
        return g.Scenario(d, """\
PRIVATE-NAT design whose container pins a digest that describe-images of repository api no longer
lists (expired by a lifecycle rule, docs/design/causes.md#img002). IMG002 warning on the repository.""",
                          "at-risk", 0, findings=[g.F("IMG002", repo_arn, "warning")])

    @g.scenario("img003-image-archived")
    def _():
        def archive(files):
            files["ecr-describe-images.json"]["imageDetails"][0]["imageStatus"] = "ARCHIVED"
        d = nat(archive)
        return g.Scenario(d, """\
PRIVATE-NAT design whose image api:1.4 was moved to the ECR archive storage class (imageStatus
ARCHIVED, docs/design/causes.md#img003). IMG003 warning on the repository.""",
                          "at-risk", 0, findings=[g.F("IMG003", repo_arn, "warning")])

    @g.scenario("log001-log-group-missing")
    def _():
        def rename(files):
            files["logs-describe-log-groups.json"]["logGroups"][0]["logGroupName"] = "/ecs/web"
        d = nat(rename)
        return g.Scenario(d, """\
PRIVATE-NAT design whose awslogs-group /ecs/api is not among eu-west-3's log groups (only /ecs/web)
and awslogs-create-group is not set (docs/design/causes.md#log001). LOG001 blocker on the log group.""",
                          "blocked", 1, findings=[g.F("LOG001", "/ecs/api", "blocker")])

    @g.scenario("sec001-secret-missing")
    def _():
        def listing(files):
            del files["secretsmanager-describe-secret.json"]
            files["secretsmanager-list-secrets.json"] = {"SecretList": [{
                "ARN": f"arn:aws:secretsmanager:eu-west-3:{g.ACCOUNT}:secret:prod/web/token-Qw3rTy",
                "Name": "prod/web/token"}]}
        d = nat(listing)
        return g.Scenario(d, """\
PRIVATE-NAT design whose secret prod/api/db-password is not in list-secrets of eu-west-3 (docs/design/causes.md#sec001).
SEC001 blocker on the secret.""",
                          "blocked", 1, findings=[g.F("SEC001", d.td["secret_arn"], "blocker")])

    @g.scenario("sec002-secret-scheduled-deletion")
    def _():
        def delete(files):
            files["secretsmanager-describe-secret.json"]["DeletedDate"] = "2025-03-11T10:00:00+01:00"
        d = nat(delete)
        return g.Scenario(d, """\
PRIVATE-NAT design whose secret carries a DeletedDate: it is scheduled for deletion and unreadable
(docs/design/causes.md#sec002). SEC002 blocker on the secret.""",
                          "blocked", 1, findings=[g.F("SEC002", d.td["secret_arn"], "blocker")])

    @g.scenario("sec003-json-key-on-1-3-0")
    def _():
        d = g.build_nat()
        g.set_service(d, [f"private-{z}" for z in "abc"], ["api"], "DISABLED",
                      platform_version="1.3.0", resolved_platform_version="1.3.0")
        base = d.td["secret_arn"]
        d.td["secret_arn"] = base + ":password::"

        def secret_arn(files):  # describe-secret names the secret, not the reference
            doc = files["secretsmanager-describe-secret.json"]
            doc["ARN"], doc["Name"] = base, "prod/api/db-password"
            # the role grants the secret itself: GetSecretValue is on the secret, not the JSON key
            role = files["iam-get-account-authorization-details.json"]["RoleDetailList"][0]
            role["RolePolicyList"][0]["PolicyDocument"]["Statement"][0]["Resource"] = base
        d.mutations = [secret_arn]
        return g.Scenario(d, """\
PRIVATE-NAT design on platform 1.3.0 whose secret reference selects a JSON key (`:password::`),
which needs platform 1.4.0 (docs/design/causes.md#sec003, §1.4). SEC003 blocker on the secret; TD006 also names the
service's platform version.""",
                          "blocked", 1, findings=[g.F("SEC003", base, "blocker"),
                                                  g.F("TD006", g.service_arn(d), "blocker")])
