"""More resource scenarios (IMG004/007/008/010/012, SEC004/006, TD012, CAP008): the healthy
PRIVATE-NAT design with one edit of the task definition, the ECR output or the service events, and
one healthy variant that uses every feature these checks read and must leave silent. Loaded by
generate.py (register(g))."""

import json

DIGEST = "sha256:4c7d0a1f9e3b8c2a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c"
LIST_TYPE = "application/vnd.oci.image.index.v1+json"
CODES = ["IMG004", "IMG007", "IMG008", "IMG010", "IMG012", "SEC004", "SEC006", "TD012", "CAP008"]


def register(g):
    region = "eu-west-3"
    repo_arn = f"arn:aws:ecr:{region}:{g.ACCOUNT}:repository/api"
    svc_arn = f"arn:aws:ecs:{region}:{g.ACCOUNT}:service/prod/api"

    def nat(*mutations):
        d = g.build_nat()
        d.mutations = list(mutations)
        return d

    def container(files):
        return files["ecs-describe-task-definition.json"]["taskDefinition"]["containerDefinitions"][0]

    def manifest_list(*platforms):
        def edit(files):
            files["ecr-describe-images.json"]["imageDetails"][0]["imageManifestMediaType"] = LIST_TYPE
            manifest = {"schemaVersion": 2, "mediaType": LIST_TYPE, "manifests": [
                {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "digest": f"sha256:{i + 1:064x}", "size": 1570,
                 "platform": {"os": os_, "architecture": arch}}
                for i, (os_, arch) in enumerate(platforms)]}
            files["ecr-batch-get-image.json"] = {"images": [{
                "registryId": g.ACCOUNT, "repositoryName": "api",
                "imageId": {"imageDigest": DIGEST, "imageTag": "1.4"},
                "imageManifest": json.dumps(manifest, indent=3),
                "imageManifestMediaType": LIST_TYPE}], "failures": []}
        return edit

    def events(*messages):
        def edit(files):
            svc = files["ecs-describe-services.json"]["services"][0]
            for i, m in enumerate(messages):
                svc["events"].insert(0, {"id": f"e{i:07x}-5d1e-4f20-9a8b-0123456789ab",
                                         "createdAt": f"2025-03-11T10:0{i}:12.000000+01:00",
                                         "message": m})
        return edit

    def silent(sc, *codes):
        sc.expect["absent"] = sc.expect["absent"] + [c for c in codes if c not in sc.expect["absent"]]
        return sc

    @g.scenario("resources2-healthy-features")
    def _():
        def features(files):
            c = container(files)
            c["environmentFiles"] = [{"value": "arn:aws:s3:::shop-prod-config/api/prod.env", "type": "s3"}]
            c["secrets"].append({"name": "FEATURE_FLAGS", "valueFrom": "/prod/api/feature-flags"})
            files["ssm-describe-parameters.json"] = {"Parameters": [{
                "Name": "/prod/api/feature-flags",
                "ARN": f"arn:aws:ssm:{region}:{g.ACCOUNT}:parameter/prod/api/feature-flags",
                "Type": "StringList", "LastModifiedDate": "2025-01-07T10:11:12.000000+01:00",
                "Version": 3, "Tier": "Standard", "DataType": "text"}]}
            g.grant_exec_role(files, "ssm:GetParameters",
                              f"arn:aws:ssm:{region}:{g.ACCOUNT}:parameter/prod/api/feature-flags")
            g.grant_exec_role(files, "s3:GetObject", "arn:aws:s3:::shop-prod-config/api/prod.env")
            g.grant_exec_role(files, "s3:GetBucketLocation", "arn:aws:s3:::shop-prod-config")
        d = nat(manifest_list(("linux", "amd64"), ("linux", "arm64")), features)
        return silent(g.Scenario(d, """\
Healthy PRIVATE-NAT design using what IMG004, SEC004 and SEC006 read, correctly: a multi-arch image
(linux/amd64 + linux/arm64 manifest list), an SSM parameter referenced by its full hierarchical name
in the task's Region, and an environment file given as an S3 object ARN ending in .env. The image is
small, from private ECR, Linux, and no event names a quota or a tagging denial: none of the checks
of gen_resources2 fires.""", "ok", 0), *CODES)

    @g.scenario("img004-manifest-list-without-amd64")
    def _():
        d = nat(manifest_list(("linux", "arm64")))
        return g.Scenario(d, """\
PRIVATE-NAT design whose image api:1.4 is a manifest list with only a linux/arm64 entry, while the
task definition has no runtimePlatform (linux/amd64): the pull fails with "image Manifest does not
contain descriptor matching platform 'linux/amd64'" (docs/design/causes.md#img004). IMG004 blocker on the repository.""",
                          "blocked", 1, findings=[g.F("IMG004", repo_arn, "blocker")])

    @g.scenario("img007-dockerhub-anonymous-behind-nat")
    def _():
        d = g.build_nat()
        d.td["image"] = "nginx:1.25"
        return g.Scenario(d, """\
PRIVATE-NAT design pulling nginx:1.25 from Docker Hub without repositoryCredentials: every task
leaves through the one NAT gateway address, so Docker Hub's anonymous per-address pull limit is
shared (docs/design/causes.md#img007). No stopped reason names the limit, so IMG007 is only info on the image; the
verdict stays ok.""", "ok", 0, findings=[g.F("IMG007", "nginx:1.25", "info")])

    @g.scenario("img008-credentials-parameter-is-ssm")
    def _():
        d = g.build_nat()
        d.td["image"] = "registry.example.com/shop/api:1.4"
        param = f"arn:aws:ssm:{region}:{g.ACCOUNT}:parameter/prod/registry-credentials"

        def creds(files):
            container(files)["repositoryCredentials"] = {"credentialsParameter": param}
        d.mutations = [creds]
        return g.Scenario(d, """\
PRIVATE-NAT design pulling from a private registry (registry.example.com) whose
repositoryCredentials.credentialsParameter names an SSM parameter: ECS reads registry credentials
only from Secrets Manager (docs/design/causes.md#img008). IMG008 blocker on the parameter ARN.""",
                          "blocked", 1, findings=[g.F("IMG008", param, "blocker")])

    @g.scenario("img010-image-larger-than-ephemeral-storage")
    def _():
        def huge(files):
            files["ecr-describe-images.json"]["imageDetails"][0]["imageSizeInBytes"] = 8 * 1024 ** 3
        d = nat(huge)
        return g.Scenario(d, """\
PRIVATE-NAT design whose image api:1.4 is 8 GiB compressed; with about three times that for the
compressed and extracted layers it does not fit the default 20 GiB of ephemeral storage (docs/design/causes.md#img010,
a heuristic). IMG010 warning on the task definition.""",
                          "at-risk", 0, findings=[g.F("IMG010", g.td_arn(d.td), "warning")])

    @g.scenario("img012-windows-ltsc2019-image-on-2022")
    def _():
        d = g.build_nat()
        d.td["image"] = f"{g.ACCOUNT}.dkr.ecr.{region}.amazonaws.com/api:1.4-ltsc2019"

        def windows(files):
            td = files["ecs-describe-task-definition.json"]["taskDefinition"]
            td["runtimePlatform"] = {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE",
                                     "cpuArchitecture": "X86_64"}
            td["cpu"], td["memory"] = "1024", "2048"
            files["ecr-describe-images.json"]["imageDetails"][0]["imageTags"] = ["1.4-ltsc2019"]
            for s in [files["ecs-describe-services.json"]["services"][0]]:
                s["platformFamily"] = "WINDOWS_SERVER_2022_CORE"
                s["deployments"][0]["platformFamily"] = "WINDOWS_SERVER_2022_CORE"
                s["deployments"][0]["platformVersion"] = "1.0.0"
        d.mutations = [windows]
        image = d.td["image"]
        return g.Scenario(d, """\
PRIVATE-NAT design running a Windows Server 2022 task (WINDOWS_SERVER_2022_CORE) whose image tag
says it was built on ltsc2019 (10.0.17763): a Windows container runs only on the same build
(docs/design/causes.md#img012). IMG012 blocker on the image. The subnets have a NAT path, so the foreign base
layers can be downloaded.""", "blocked", 1, findings=[g.F("IMG012", image, "blocker")])

    @g.scenario("sec004-ssm-name-without-leading-slash")
    def _():
        def param(files):
            container(files)["secrets"].append({"name": "FEATURE_FLAGS", "valueFrom": "prod/api/feature-flags"})
            files["ssm-describe-parameters.json"] = {"Parameters": [{
                "Name": "/prod/api/feature-flags",
                "ARN": f"arn:aws:ssm:{region}:{g.ACCOUNT}:parameter/prod/api/feature-flags",
                "Type": "String", "LastModifiedDate": "2025-01-07T10:11:12.000000+01:00",
                "Version": 3, "Tier": "Standard", "DataType": "text"}]}
            g.grant_exec_role(files, "ssm:GetParameters",
                              f"arn:aws:ssm:{region}:{g.ACCOUNT}:parameter/prod/api/feature-flags")
        d = nat(param)
        return g.Scenario(d, """\
PRIVATE-NAT design whose secret FEATURE_FLAGS names the SSM parameter as prod/api/feature-flags:
the parameter is /prod/api/feature-flags, and a hierarchical name must start with its slash
(docs/design/causes.md#sec004). SEC004 blocker on the reference; SEC001 also says no parameter of that exact name
exists in eu-west-3.""", "blocked", 1,
                          findings=[g.F("SEC004", "prod/api/feature-flags", "blocker"),
                                    g.F("SEC001", "prod/api/feature-flags", "blocker")])

    @g.scenario("sec006-environment-file-not-env")
    def _():
        value = "arn:aws:s3:::shop-prod-config/api/prod.txt"

        def envfile(files):
            container(files)["environmentFiles"] = [{"value": value, "type": "s3"}]
            g.grant_exec_role(files, "s3:GetObject", value)
            g.grant_exec_role(files, "s3:GetBucketLocation", "arn:aws:s3:::shop-prod-config")
        d = nat(envfile)
        return g.Scenario(d, """\
PRIVATE-NAT design whose environment file is arn:aws:s3:::shop-prod-config/api/prod.txt: ECS only
accepts files with the .env extension (docs/design/causes.md#sec006). SEC006 blocker on the object ARN.""",
                          "blocked", 1, findings=[g.F("SEC006", value, "blocker")])

    @g.scenario("td012-tag-resource-denied-event")
    def _():
        d = nat(events(
            "(service api) failed to launch a task with (error AccessDeniedException: User: "
            f"arn:aws:sts::{g.ACCOUNT}:assumed-role/github-actions-deploy/GitHubActions is not authorized "
            f"to perform: ecs:TagResource on resource: arn:aws:ecs:{region}:{g.ACCOUNT}:task/prod/* "
            "because no identity-based policy allows the ecs:TagResource action)."))
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design whose service event shows ECS denying ecs:TagResource while launching a
task: with tag-resource authorization on, tags on create need that permission (docs/design/causes.md#td012). The
configuration cannot show the caller's policy: TD012 blocker on the service, quoting the event.""",
                          "blocked", 1, findings=[g.F("TD012", svc_arn, "blocker")])

    @g.scenario("cap008-eni-quota-event")
    def _():
        d = nat(events(
            "(service api) failed to launch a task with (error NetworkInterfaceLimitExceeded: You have "
            "reached the limit on the number of network interfaces in this Region)."))
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design whose service event names the EC2 error NetworkInterfaceLimitExceeded
(the wording is modelled on the EC2 error code; docs/design/causes.md#cap008 quotes no message): the Regional
network-interface quota is used up. CAP008 warning on the service, quoting the event; no ENI count
is compared with a quota.""", "at-risk", 0, findings=[g.F("CAP008", svc_arn, "warning")])
