"""Pull-through cache and public-registry scenarios (IMG009, IMG006, VPCE013's first pull): an ECR
image whose repository starts with a pull-through cache rule's prefix (docker-hub/…), with the rule
(`ecr describe-pull-through-cache-rules`), the registry policy (`ecr get-registry-policy`) and the
credential secret in the shapes the AWS CLI prints; and a Docker Hub image in an isolated subnet.
Loaded by generate.py (register(g))."""


def register(g):
    region = "eu-west-3"
    acct = g.ACCOUNT
    cache_repo = "docker-hub/library/nginx"
    image = f"{acct}.dkr.ecr.{region}.amazonaws.com/{cache_repo}:1.27"
    cache_repo_arn = f"arn:aws:ecr:{region}:{acct}:repository/{cache_repo}"
    cred_arn = f"arn:aws:secretsmanager:{region}:{acct}:secret:ecr-pullthroughcache/docker-hub-Qm3Xr8"

    def envelope(command, output=None, error=None):
        doc = {"fargateDoctorEnvelope": 1, "command": ["ecr"] + command, "region": region,
               "account": acct}
        if error:
            doc["error"] = error
        else:
            doc["output"] = output
        return doc

    def rule(credential=cred_arn):
        r = {
            "ecrRepositoryPrefix": "docker-hub",
            "upstreamRegistryUrl": "registry-1.docker.io",
            "createdAt": "2024-06-03T10:12:44.120000+02:00",
            "registryId": acct,
            "upstreamRegistry": "docker-hub",
            "updatedAt": "2024-06-03T10:12:44.120000+02:00",
        }
        if credential:
            r["credentialArn"] = credential
        return r

    def rules_file(credential=cred_arn):
        return envelope(["describe-pull-through-cache-rules", "--registry-id", acct],
                        {"pullThroughCacheRules": [rule(credential)]})

    no_registry_policy = envelope(["get-registry-policy"], error={
        "code": "RegistryPolicyNotFoundException",
        "message": f"Registry policy does not exist in the registry with id '{acct}'",
        "action": "ecr:GetRegistryPolicy"})

    def registry_policy_granting(role_arn):
        return envelope(["get-registry-policy"], {
            "registryId": acct,
            "policyText": (
                "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [ {\n"
                "    \"Sid\" : \"PullThroughCacheForEcsTasks\",\n    \"Effect\" : \"Allow\",\n"
                f"    \"Principal\" : {{\n      \"AWS\" : \"{role_arn}\"\n    }},\n"
                "    \"Action\" : [ \"ecr:CreateRepository\", \"ecr:BatchImportUpstreamImage\" ],\n"
                f"    \"Resource\" : \"arn:aws:ecr:{region}:{acct}:repository/docker-hub/*\"\n  }} ]\n}}"),
        })

    cred_secret = {
        "ARN": cred_arn,
        "Name": "ecr-pullthroughcache/docker-hub",
        "Description": "Docker Hub access token for the ECR pull-through cache",
        "LastChangedDate": "2024-06-03T10:10:02.512000+02:00",
        "Tags": [],
        "VersionIdsToStages": {"0c6f1e2d-7b3a-4c59-9e8d-1a2b3c4d5e6f": ["AWSCURRENT"]},
        "CreatedDate": "2024-06-03T10:10:02.512000+02:00",
    }

    def not_cached_yet(files):
        """The cache repository does not exist yet: the registry lists only api."""
        r = files["ecr-describe-repositories.json"]["repositories"][0]
        r["repositoryName"] = "api"
        r["repositoryArn"] = f"arn:aws:ecr:{region}:{acct}:repository/api"
        r["repositoryUri"] = f"{acct}.dkr.ecr.{region}.amazonaws.com/api"
        files["ecr-describe-images.json"]["imageDetails"][0]["repositoryName"] = "api"

    def grant_import(files):
        g.grant_exec_role(files, ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                          f"arn:aws:ecr:{region}:{acct}:repository/docker-hub/*")

    def ptc(build, *mutations, credential=cred_arn, registry_policy=None, secret=True):
        d = build()
        d.td["image"] = image
        extra = {"ecr-describe-pull-through-cache-rules.json": rules_file(credential),
                 "ecr-get-registry-policy.json": registry_policy or no_registry_policy}
        if secret:
            extra["secretsmanager-describe-secret-ptc.json"] = cred_secret

        def add_files(files):  # read at render time, so a scenario may still edit `extra`
            files.update(extra)
        d.mutations = [not_cached_yet] + list(mutations) + [add_files]
        return d, extra

    @g.scenario("img009-ptc-healthy-first-pull-nat")
    def _():
        d, extra = ptc(g.build_nat, grant_import)
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design pulling nginx through the pull-through cache rule docker-hub
(registry-1.docker.io, credential ecr-pullthroughcache/docker-hub). The cache repository
docker-hub/library/nginx does not exist yet, so the first pull creates it: the execution role may
ecr:BatchImportUpstreamImage and ecr:CreateRepository on repository/docker-hub/*, the subnets reach the
internet through the NAT gateway, no registry policy (docs/design/causes.md#img009, #vpce013). Every check silent.""",
                          "ok", 0)

    @g.scenario("img009-ptc-no-credential")
    def _():
        d, extra = ptc(g.build_nat, grant_import, credential=None, secret=False)
        return g.Scenario(d, """\
PRIVATE-NAT design pulling through the pull-through cache rule docker-hub, created without a
credential: Docker Hub rules need an ecr-pullthroughcache/ secret (docs/design/causes.md#img009). IMG009 blocker on
the rule.""",
                          "blocked", 1, findings=[g.F("IMG009", "pull-through-cache-rule/docker-hub", "blocker")],
                          )

    @g.scenario("img009-ptc-credential-wrong-name")
    def _():
        bad = f"arn:aws:secretsmanager:{region}:{acct}:secret:dockerhub-token-Pz81Lm"
        d, extra = ptc(g.build_nat, grant_import, credential=bad, secret=False)
        return g.Scenario(d, """\
PRIVATE-NAT design whose pull-through cache rule docker-hub names the secret dockerhub-token: ECR
uses only secrets whose name starts with ecr-pullthroughcache/ (docs/design/causes.md#img009). IMG009 blocker on the
secret ARN.""",
                          "blocked", 1, findings=[g.F("IMG009", bad, "blocker")])

    @g.scenario("img009-ptc-role-cannot-import")
    def _():
        d, extra = ptc(g.build_nat)
        return g.Scenario(d, """\
PRIVATE-NAT design pulling nginx through the pull-through cache rule docker-hub for the first time;
the execution role has only AmazonECSTaskExecutionRolePolicy (no ecr:BatchImportUpstreamImage, no
ecr:CreateRepository) and the registry has no registry policy (RegistryPolicyNotFoundException,
docs/design/causes.md#img009, §1.6). IMG009 blocker on the execution role.""",
                          "blocked", 1, findings=[g.F("IMG009", d.td["exec_role"], "blocker")],
                          )

    @g.scenario("img009-ptc-registry-policy-grants")
    def _():
        d, extra = ptc(g.build_nat, registry_policy=None)
        extra["ecr-get-registry-policy.json"] = registry_policy_granting(d.td["exec_role"])
        return g.Scenario(d, """\
PRIVATE-NAT design pulling through the pull-through cache rule docker-hub for the first time; the
execution role's own policies do not grant the import, but the registry policy allows it
ecr:CreateRepository and ecr:BatchImportUpstreamImage on repository/docker-hub/* (docs/design/causes.md §1.6: the
registry policy may grant them). Every check silent.""",
                          "ok", 0)

    @g.scenario("vpce013-ptc-first-pull-endpoints")
    def _():
        d, extra = ptc(g.build_endpoints, grant_import)
        return g.Scenario(d, """\
ENDPOINTS design (ECR, logs, secrets endpoints, S3 gateway, no NAT) pulling nginx through the
pull-through cache rule docker-hub while the cache does not hold it yet: the first pull through a
cache rule needs an internet path even with PrivateLink-only ECR (docs/design/causes.md#vpce013, #img009). VPCE013 blocker
on the task definition; IMG009 silent (the rule, credential and role are fine).""",
                          "blocked", 1, findings=[g.F("VPCE013", g.td_arn(d.td), "blocker")],
                          )

    @g.scenario("vpce013-ptc-cached-endpoints")
    def _():
        d, extra = ptc(g.build_endpoints, grant_import)
        def cached(files):  # the cache already holds docker-hub/library/nginx:1.27
            files["ecr-describe-images.json"]["imageDetails"][0]["imageTags"] = ["1.27"]
        d.mutations = [cached] + d.mutations[1:]
        return g.Scenario(d, """\
ENDPOINTS design pulling nginx:1.27 through the pull-through cache rule docker-hub; the cache
repository docker-hub/library/nginx already holds the tag, so the pull stays inside ECR and the
endpoints serve it (docs/design/causes.md#vpce013: later pulls need no internet). Every check silent.""",
                          "ok", 0)

    @g.scenario("img006-docker-hub-isolated")
    def _():
        d = g.build_endpoints()
        d.endpoints.clear()
        d.td["image"] = "nginx:1.27"
        return g.Scenario(d, """\
ENDPOINTS design with every VPC endpoint deleted, running a Docker Hub image (nginx:1.27): the subnets
have no NAT, no IGW and no endpoint, and Docker Hub is reached only over the internet (docs/design/causes.md#img006,
C13). IMG006 blocker on the task definition for the registry; NET002 blocker on the route table for
the logs and secrets destinations (no ECR destination: the image is not in ECR).""",
                          "blocked", 1,
                          findings=[g.F("IMG006", g.td_arn(d.td), "blocker"),
                                    g.F("NET002", d.rtb("private"), "blocker")],
                          deps=[g.dep("registry:registry-1.docker.io", d.sub("private-a"), False, None)])
