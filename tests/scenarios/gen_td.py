"""Task-definition and launch-configuration scenarios (TD001-TD011, IMG013, LOG003, LOG006,
STO001, CAP006, CAP010): a healthy base design with one task-definition mutation each (plus the
launch setting the mutation is about). Loaded by generate.py (register(g))."""


def register(g):
    render = g.render

    def render_with_mutations(d):
        files = render(d)
        for fn in getattr(d, "td_mutations", ()):
            fn(files)
        return files

    g.render = render_with_mutations
    # A Region AWS listed without ARM64 Fargate (docs/design/causes.md#cap010), for CAP010.
    g.AZS.setdefault("me-south-1", [("me-south-1a", "mes1-az1"), ("me-south-1b", "mes1-az2"),
                                    ("me-south-1c", "mes1-az3")])
    g.PREFIX_LISTS.setdefault("me-south-1", [
        ("pl-0f1a2b3c", "s3", ["3.5.148.0/22", "52.95.172.0/23"]),
        ("pl-0d4e5f6a", "dynamodb", ["52.94.30.0/24"]),
    ])

    def mutate_td(d, fn):
        def apply(files):
            doc = files.get("ecs-describe-task-definition.json")
            if doc:
                fn(doc["taskDefinition"])
        d.__dict__.setdefault("td_mutations", []).append(apply)

    def mutate_container(d, fn):
        mutate_td(d, lambda td: fn(td["containerDefinitions"][0]))

    def mutate_service(d, fn):
        def apply(files):
            doc = files.get("ecs-describe-services.json")
            if doc:
                fn(doc["services"][0])
        d.__dict__.setdefault("td_mutations", []).append(apply)

    def td_arn(d):
        return g.td_arn(d.td)

    def blocked(name, readme, code, resource, build=g.build_public, mutate=None, extra=(), maybe=()):
        @g.scenario(name)
        def _():
            d = build()
            mutate(d)
            res = resource(d) if callable(resource) else resource
            findings = [g.F(code, res, "blocker")] + [g.F(c, r(d), s) for c, r, s in extra]
            return g.Scenario(d, readme, "blocked", 1, findings=findings, maybe=list(maybe))

    blocked("td001-cpu-memory-invalid-pair", """\
PUBLIC design whose task definition asks for cpu 512 with memory 512 MiB: 0.5 vCPU takes 1-4 GB
(docs/design/causes.md §1.5), so ECS answers 'No Fargate configuration exists for given values'. TD001 blocker
on the task definition; the network is healthy.""",
            "TD001", td_arn, mutate=lambda d: mutate_td(d, lambda td: td.update(cpu="512", memory="512")))

    blocked("td002-ec2-only-task-definition", """\
PUBLIC design whose task definition was registered for EC2 only (requiresCompatibilities and the
computed compatibilities lack FARGATE, docs/design/causes.md#td002): 'Task definition does not support
launch_type FARGATE.' TD002 blocker on the task definition.""",
            "TD002", td_arn,
            mutate=lambda d: mutate_td(d, lambda td: td.update(requiresCompatibilities=["EC2"],
                                                                compatibilities=["EC2"])))

    blocked("td003-bridge-network-mode", """\
PUBLIC design whose task definition uses networkMode bridge; Fargate requires awsvpc (docs/design/causes.md#td003).
TD003 blocker on the task definition.""",
            "TD003", td_arn, mutate=lambda d: mutate_td(d, lambda td: td.update(networkMode="bridge")))

    blocked("td004-container-memory-exceeds-task", """\
PUBLIC design: the task has 512 MiB but its one container sets a hard memory limit of 1024 MiB
(docs/design/causes.md#td004). TD004 blocker on the task definition.""",
            "TD004", td_arn, mutate=lambda d: mutate_container(d, lambda c: c.update(memory=1024)))

    blocked("td005-task-definition-delete-in-progress", """\
PUBLIC design whose service points at a revision being deleted (status DELETE_IN_PROGRESS,
docs/design/causes.md#td005): no task can launch from it. TD005 blocker on the task definition.""",
            "TD005", td_arn,
            mutate=lambda d: mutate_td(d, lambda td: td.update(status="DELETE_IN_PROGRESS")))

    def env_files_on_1_3_0(d):
        d.service["platform_version"] = "1.3.0"
        d.service["resolved_platform_version"] = "1.3.0"
        mutate_container(d, lambda c: c.update(environmentFiles=[
            {"value": f"arn:aws:s3:::shop-config-{g.ACCOUNT}/api/prod.env", "type": "s3"}]))
        d.mutations = list(getattr(d, "mutations", ())) + [lambda files: (
            g.grant_exec_role(files, "s3:GetObject", f"arn:aws:s3:::shop-config-{g.ACCOUNT}/api/prod.env"),
            g.grant_exec_role(files, "s3:GetBucketLocation", f"arn:aws:s3:::shop-config-{g.ACCOUNT}"))]

    blocked("td006-environment-files-on-platform-1-3-0", """\
PUBLIC design whose service is pinned to platform version 1.3.0 while its task definition loads an
environment file from S3, a feature of 1.4.0 (docs/design/causes.md §1.4, #td006):
PlatformTaskDefinitionIncompatibilityException. TD006 blocker on the service.""",
            "TD006", g.service_arn, mutate=env_files_on_1_3_0)

    blocked("td007-unknown-cpu-architecture", """\
PUBLIC design whose task definition names runtimePlatform.cpuArchitecture AMD64, which is not an
ECS value (X86_64 or ARM64, docs/design/causes.md#td007). TD007 blocker on the task definition.""",
            "TD007", td_arn,
            mutate=lambda d: mutate_td(d, lambda td: td.update(runtimePlatform={
                "cpuArchitecture": "AMD64", "operatingSystemFamily": "LINUX"})))

    blocked("td009-linux-capabilities-net-admin", """\
PUBLIC design whose container adds the NET_ADMIN capability and sets sharedMemorySize; Fargate
allows only SYS_PTRACE to be added (here fine, platform 1.4.0) and no shared memory size
(docs/design/causes.md#td009). TD009 blocker on the task definition.""",
            "TD009", td_arn,
            mutate=lambda d: mutate_container(d, lambda c: c.update(linuxParameters={
                "capabilities": {"add": ["SYS_PTRACE", "NET_ADMIN"], "drop": []},
                "sharedMemorySize": 256})))

    @g.scenario("td010-depends-on-healthy-without-health-check")
    def _():
        d = g.build_public()

        def sidecar(td):
            api = td["containerDefinitions"][0]
            proxy = {k: v for k, v in api.items() if k not in ("secrets", "portMappings", "environment")}
            proxy.update(name="db-proxy", essential=True, portMappings=[], secrets=[])
            api["dependsOn"] = [{"containerName": "db-proxy", "condition": "HEALTHY"}]
            td["containerDefinitions"].append(proxy)
        mutate_td(d, sidecar)
        return g.Scenario(d, """\
PUBLIC design with a db-proxy sidecar; the api container waits for db-proxy to be HEALTHY, but
db-proxy has no healthCheck, so the condition is never met and api never starts (docs/design/causes.md#td010).
TD010 warning on the task definition.""",
                          "at-risk", 0, findings=[g.F("TD010", td_arn(d), "warning")])

    blocked("td011-ephemeral-storage-20-gib", """\
PUBLIC design whose task definition asks for ephemeralStorage.sizeInGiB 20: the configurable range
is 21-200 (20 GiB is the default when the field is absent; docs/design/causes.md §1.5). TD011 blocker on the
task definition.""",
            "TD011", td_arn,
            mutate=lambda d: mutate_td(d, lambda td: td.update(ephemeralStorage={"sizeInGiB": 20})))

    blocked("img013-ecr-host-wrong-partition", """\
PUBLIC design whose image names a China Region registry with the commercial suffix
(<account>.dkr.ecr.cn-north-1.amazonaws.com); China Regions use amazonaws.com.cn (docs/design/causes.md#img013).
IMG013 blocker on the task definition.""",
            "IMG013", td_arn,
            mutate=lambda d: mutate_container(d, lambda c: c.update(
                image=f"{g.ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com/api:1.4")),
            maybe=["VPCE012"])

    def drop_log_group(c):
        del c["logConfiguration"]["options"]["awslogs-group"]

    blocked("log003-awslogs-group-missing", """\
PUBLIC design whose awslogs configuration lacks awslogs-group, a required option (docs/design/causes.md#log003):
the log driver cannot be set up. LOG003 blocker on the task definition.""",
            "LOG003", td_arn, mutate=lambda d: mutate_container(d, drop_log_group))

    blocked("log006-json-file-log-driver", """\
PUBLIC design whose container logs with the json-file driver; Fargate offers awslogs, splunk and
awsfirelens only (docs/design/causes.md#log006). LOG006 blocker on the task definition.""",
            "LOG006", td_arn,
            mutate=lambda d: mutate_container(d, lambda c: c.update(logConfiguration={
                "logDriver": "json-file", "options": {"max-size": "10m"}, "secretOptions": []})))

    def efs_on_1_3_0(d):
        d.service["platform_version"] = "1.3.0"
        d.service["resolved_platform_version"] = "1.3.0"
        mutate_td(d, lambda td: td.update(volumes=[{"name": "uploads", "efsVolumeConfiguration": {
            "fileSystemId": "fs-0c2a7e9d41b3f5a86", "rootDirectory": "/", "transitEncryption": "ENABLED"}}]))

    blocked("sto001-efs-on-platform-1-3-0", """\
PUBLIC design whose service is pinned to platform version 1.3.0 while its task definition mounts an
EFS volume; EFS needs Linux 1.4.0 (docs/design/causes.md#sto001). STO001 blocker on the service.""",
            "STO001", g.service_arn, mutate=efs_on_1_3_0)

    def spot_arm64_1_3_0(d):
        d.service["platform_version"] = "1.3.0"
        d.service["resolved_platform_version"] = "1.3.0"
        mutate_td(d, lambda td: td.update(runtimePlatform={"cpuArchitecture": "ARM64",
                                                           "operatingSystemFamily": "LINUX"}))

        def strategy(s):
            for obj in [s] + s["deployments"]:
                obj.pop("launchType", None)
                obj["capacityProviderStrategy"] = [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]
        mutate_service(d, strategy)

    blocked("cap006-spot-arm64-platform-1-3-0", """\
PUBLIC design whose service runs an ARM64 task definition on FARGATE_SPOT pinned to platform
version 1.3.0: Spot runs ARM64 only on 1.4.0 (docs/design/causes.md#cap006), and ARM64 itself needs 1.4.0 (1.4,
J6). CAP006 and TD006 blockers on the service, both fixed by platform version 1.4.0.""",
            "CAP006", g.service_arn, mutate=spot_arm64_1_3_0,
            extra=[("TD006", g.service_arn, "blocker")])

    @g.scenario("cap010-arm64-in-region-without-graviton")
    def _():
        d = g.build_public(region="me-south-1", key="public-mes1")
        mutate_td(d, lambda td: td.update(runtimePlatform={"cpuArchitecture": "ARM64",
                                                           "operatingSystemFamily": "LINUX"}))
        return g.Scenario(d, """\
PUBLIC design in me-south-1 with an ARM64 task definition; AWS listed me-south-1 among the Regions
without ARM64 Fargate (2023 list, docs/design/causes.md#cap010), which may be outdated: CAP010 warning on each
subnet, to be confirmed by the stopped reason.""",
                          "at-risk", 0,
                          findings=[g.F("CAP010", d.sub(f"public-{z}"), "warning") for z in "abc"])

    @g.scenario("td-silent-vcpu-and-gb-strings")
    def _():
        d = g.build_public()
        mutate_td(d, lambda td: td.update(cpu="1 vCPU", memory="3 GB", ephemeralStorage={"sizeInGiB": 21}))
        return g.Scenario(d, """\
PUBLIC design whose task definition is written with "1 vCPU" / "3 GB" and asks for 21 GiB of
ephemeral storage: all valid on platform 1.4.0 (docs/design/causes.md §1.5). Healthy: no finding.""", "ok", 0)
