"""Runtime-evidence and service scenarios (CAP003/4/5/7/9, SVC004/5/6/8/9/10/12): a base design plus
stopped tasks (describe-tasks with stopCode, stoppedReason, containers[].reason as ECS writes them)
and service events quoted from docs/design/causes.md §1.3, or one edit of describe-services/describe-clusters.
Loaded by generate.py (register(g))."""

import copy


def register(g):
    region = "eu-west-3"
    cluster_arn = f"arn:aws:ecs:{region}:{g.ACCOUNT}:cluster/prod"

    def task_arn(n):
        return f"arn:aws:ecs:{region}:{g.ACCOUNT}:task/prod/{n:032x}"

    def stopped_task(d, n, subnet_role, reason, container_reason="", stop_code="TaskFailedToStart",
                     started=False, stopped_at="2025-03-11T09:47:02.511000+01:00"):
        """One describe-tasks item of a task of service api that stopped."""
        arn = task_arn(n)
        t = {
            "taskArn": arn,
            "clusterArn": cluster_arn,
            "taskDefinitionArn": g.td_arn(d.td),
            "group": "service:api",
            "startedBy": "ecs-svc/4412817165334523791",
            "launchType": "FARGATE",
            "platformVersion": "1.4.0",
            "platformFamily": "Linux",
            "availabilityZone": d.subnets[subnet_role]["AvailabilityZone"],
            "cpu": "256",
            "memory": "512",
            "lastStatus": "STOPPED",
            "desiredStatus": "STOPPED",
            "connectivity": "CONNECTED",
            "createdAt": "2025-03-11T09:42:17.204000+01:00",
            "stoppingAt": stopped_at,
            "stoppedAt": stopped_at,
            "stopCode": stop_code,
            "stoppedReason": reason,
            "attachments": [{
                "id": f"{n:08x}-1111-2222-3333-444455556666",
                "type": "ElasticNetworkInterface",
                "status": "DELETED",
                "details": [{"name": "subnetId", "value": d.sub(subnet_role)},
                            {"name": "networkInterfaceId", "value": f"eni-{n:017x}"},
                            {"name": "privateIPv4Address", "value": "10.0.0.10"}],
            }],
            "containers": [{
                "containerArn": f"arn:aws:ecs:{region}:{g.ACCOUNT}:container/prod/{n:032x}/web",
                "taskArn": arn,
                "name": "api",
                "image": d.td.get("image", "api"),
                "lastStatus": "STOPPED",
                "networkInterfaces": [],
                "healthStatus": "UNKNOWN",
                "cpu": "0",
            }],
            "overrides": {"containerOverrides": [{"name": "api"}], "inferenceAcceleratorOverrides": []},
            "version": 3,
            "tags": [],
        }
        if container_reason:
            t["containers"][0]["reason"] = container_reason
        if started:
            t["pullStartedAt"] = "2025-03-11T09:42:30.100000+01:00"
            t["pullStoppedAt"] = "2025-03-11T09:42:41.900000+01:00"
            t["startedAt"] = "2025-03-11T09:42:45.300000+01:00"
            t["containers"][0]["exitCode"] = 1
        return t

    def with_tasks(d, *tasks):
        def add(files):
            files["ecs-describe-tasks.json"] = {"tasks": list(tasks), "failures": []}
        d.mutations = getattr(d, "mutations", []) + [add]

    def with_events(d, *messages):
        def add(files):
            svc = files["ecs-describe-services.json"]["services"][0]
            for i, m in enumerate(messages):
                svc["events"].insert(0, {"id": f"e{i:07x}-0c1d-4e2f-8a9b-0123456789ab",
                                         "createdAt": f"2025-03-11T10:0{i}:12.000000+01:00",
                                         "message": m})
        d.mutations = getattr(d, "mutations", []) + [add]

    def edit_service(d, fn):
        d.mutations = getattr(d, "mutations", []) + [lambda files: fn(files["ecs-describe-services.json"]["services"][0])]

    svc_arn = f"arn:aws:ecs:{region}:{g.ACCOUNT}:service/prod/api"

    @g.scenario("evidence-vcpu-quota-event")
    def _():
        d = g.build_nat()
        with_events(d, "(service api) was unable to place a task. Reason: You've reached the limit on the "
                       "number of vCPUs you can run concurrently")
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design whose service event says the Fargate vCPU quota is reached (docs/design/causes.md §1.3,
I3). Configuration cannot show a quota: CAP003 warning on the service, quoting the event.""",
                          "at-risk", 0, findings=[g.F("CAP003", svc_arn, "warning")])

    @g.scenario("evidence-net002-pull-timeout")
    def _():
        d = g.build_endpoints()
        d.endpoints.clear()
        with_tasks(d, stopped_task(
            d, 0x51, "private-a",
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
            f"{g.ACCOUNT}.dkr.ecr.eu-west-3.amazonaws.com/api:1.4: failed to do request: Head "
            f"\"https://{g.ACCOUNT}.dkr.ecr.eu-west-3.amazonaws.com/v2/api/manifests/1.4\": dial tcp "
            "15.236.200.17:443: i/o timeout",
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
            f"{g.ACCOUNT}.dkr.ecr.eu-west-3.amazonaws.com/api:1.4: i/o timeout"))
        return g.Scenario(d, """\
The net002-isolated-no-endpoints design plus the stopped task it produces: stopCode TaskFailedToStart
and a CannotPullContainerError i/o timeout (docs/design/causes.md §1.3, #net002). NET002 blocker on the route table,
with the stopped reason attached to it as evidence; no SVC012 (the cause is explained).""",
                          "blocked", 1, findings=[g.F("NET002", d.rtb("private"), "blocker")],
                          deps=[g.dep("ecr.api", d.sub("private-a"), False, None)])

    @g.scenario("evidence-unexplained-network-timeout")
    def _():
        d = g.build_nat()
        with_tasks(d, stopped_task(
            d, 0x52, "private-b",
            "ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry "
            "auth from Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task "
            "network configuration. RequestError: send request failed caused by: Post "
            "\"https://api.ecr.eu-west-3.amazonaws.com/\": dial tcp 15.236.200.9:443: i/o timeout"))
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design with a task that stopped on an ECR auth network timeout (docs/design/causes.md §1.3):
the snapshot shows a working NAT path, so no network finding explains it. SVC012 on the task says so
plainly (a network timeout to Amazon ECR; what the snapshot cannot show). The failure (09:47) is older
than the service's last steady state (09:58): the service recovered, so SVC012 is info and the verdict
stays ok (evidence-ecr-auth-request-error is the recent case).""",
                          "ok", 0, findings=[g.F("SVC012", task_arn(0x52), "info")])

    # After the base design's steady state (09:58:40): the service has not recovered since.
    after_steady = "2025-03-11T10:05:31.402000+01:00"

    @g.scenario("evidence-ecr-auth-request-error")
    def _():
        d = g.build_nat()
        # Verbatim as users quote it, AWS's truncation included (aws/aws-app-mesh-examples#413).
        with_tasks(d, stopped_task(
            d, 0x56, "private-a",
            "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval "
            "failed: unable to retrieve ecr registry auth: service call has been retried 1 time(s): RequestError: "
            "send request failed caused by: Post https://api.ecr....", stopped_at=after_steady))
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design with a task that failed to start after the service's last steady state, on
the ECR auth call's SDK RequestError "send request failed" (docs/design/causes.md §1.3: the ecr:GetAuthorizationToken
call failed on the network path). The snapshot shows a working NAT path, so no network finding explains
it: SVC012 warning on the task, naming a network timeout to Amazon ECR and what the snapshot cannot
show (an appliance or DNS firewall outside the VPC, a change since, an outage). A recent failed start
is not "ok": verdict at-risk.""",
                          "at-risk", 0, findings=[g.F("SVC012", task_arn(0x56), "warning")])

    @g.scenario("evidence-assume-role-event")
    def _():
        d = g.build_nat()
        with_events(d, "(service api) failed to launch a task with (error ECS was unable to assume the role "
                       f"'arn:aws:iam::{g.ACCOUNT}:role/api-task-execution' that was provided for this task. Please "
                       "verify that the role being passed has the proper trust relationship and permissions and "
                       "that your IAM user has permissions to pass this role.).")
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design whose service event, after its last steady state, says ECS was unable to
assume the execution role (docs/design/causes.md §1.3: D2, D3, D7, D16). The role exists, trusts
ecs-tasks.amazonaws.com and is years old, so IAM002/IAM003/IAM016 stay silent: SVC012 warning on the
service, naming an IAM role failure and what the snapshot cannot show (a role or trust policy changed
since, the caller's own permissions). Verdict at-risk.""",
                          "at-risk", 0, findings=[g.F("SVC012", svc_arn, "warning")])

    @g.scenario("evidence-unrecognised-message")
    def _():
        d = g.build_nat()
        with_tasks(d, stopped_task(
            d, 0x57, "private-b",
            "CannotStartContainerError: ResourceInitializationError: failed to create new container runtime task: "
            "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container "
            "process: exec: \"/app/start.sh\": permission denied: unknown",
            container_reason="CannotStartContainerError: exec: \"/app/start.sh\": permission denied",
            stopped_at=after_steady))
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design with a task that failed to start after the last steady state with a message
the pattern table does not know (an entrypoint without the execute bit). It is still reported, never
dropped: one SVC012 warning for the stoppedReason and one for the container reason, each classified
"unrecognised" and quoted verbatim. Verdict at-risk.""",
                          "at-risk", 0, findings=[g.F("SVC012", task_arn(0x57), "warning")])

    @g.scenario("evidence-eni-provisioning-timeout")
    def _():
        d = g.build_nat()
        with_tasks(d, stopped_task(d, 0x53, "private-c",
                                   "Timeout waiting for network interface provisioning to complete."))
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design with a task stopped by "Timeout waiting for network interface provisioning
to complete." (docs/design/causes.md#cap009). The subnets have free addresses: CAP009 warning (transient or ENI quota).""",
                          "at-risk", 0, findings=[g.F("CAP009", svc_arn, "warning")])

    @g.scenario("evidence-capacity-and-size-events")
    def _():
        d = g.build_public()
        with_events(d,
                    "(service api) was unable to place a task. Reason: Capacity is unavailable at this time. "
                    "Please try again later or in a different availability zone.",
                    "(service api) was unable to place a task. Reason: The requested CPU configuration is above "
                    "your limit.")
        return g.Scenario(d, """\
Healthy PUBLIC design whose service events report Fargate capacity unavailable and a CPU size above
the account limit (docs/design/causes.md#cap004, #cap005): CAP005 and CAP004 warnings on the service.""",
                          "at-risk", 0, findings=[g.F("CAP005", svc_arn, "warning"),
                                                  g.F("CAP004", svc_arn, "warning")])

    @g.scenario("evidence-throttled-backoff")
    def _():
        d = g.build_nat()
        with_events(d, "(service api) operations are being throttled. Will try again later.",
                    "(service api) is unable to consistently start tasks successfully. For more information, "
                    "see the Troubleshooting section of the Amazon ECS Developer Guide.")
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design whose events show launch throttling and the scheduler's back-off (docs/design/causes.md#cap007, #svc005):
CAP007 warning and SVC005 info on the service.""",
                          "at-risk", 0, findings=[g.F("CAP007", svc_arn, "warning"),
                                                  g.F("SVC005", svc_arn, "info")])

    @g.scenario("evidence-health-boundary")
    def _():
        d = g.build_nat()
        with_tasks(d, stopped_task(
            d, 0x54, "private-a",
            f"Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:{region}:{g.ACCOUNT}:"
            "targetgroup/api/0123456789abcdef)", stop_code="ServiceSchedulerInitiated", started=True),
            stopped_task(d, 0x55, "private-b", "Essential container in task exited",
                         stop_code="EssentialContainerExited", started=True,
                         stopped_at="2025-03-11T09:51:10.000000+01:00"))
        return g.Scenario(d, """\
Healthy PRIVATE-NAT design whose tasks started and were stopped by ELB health checks or an exiting
essential container (docs/design/causes.md#svc010): not a start failure, SVC010 info; verdict ok.""",
                          "ok", 0, findings=[g.F("SVC010", svc_arn, "info")])

    @g.scenario("svc006-deployment-no-room")
    def _():
        d = g.build_nat()
        def conf(s):
            s["deploymentConfiguration"]["maximumPercent"] = 100
        edit_service(d, conf)
        return g.Scenario(d, """\
PRIVATE-NAT design whose service has maximumPercent 100 and minimumHealthyPercent 100 with 2 desired
tasks: no task may be stopped and none added, so a replacement is never launched (docs/design/causes.md#svc006).
SVC006 warning on the service.""",
                          "at-risk", 0, findings=[g.F("SVC006", svc_arn, "warning")])

    @g.scenario("svc008-cluster-inactive")
    def _():
        d = g.build_nat()
        def inactive(files):
            files["ecs-describe-clusters.json"]["clusters"][0]["status"] = "INACTIVE"
        d.mutations = [inactive]
        return g.Scenario(d, """\
PRIVATE-NAT design whose cluster prod is INACTIVE in describe-clusters (docs/design/causes.md#svc008): SVC008 blocker
on the cluster.""",
                          "blocked", 1, findings=[g.F("SVC008", cluster_arn, "blocker")])

    @g.scenario("svc009-deployment-other-subnets")
    def _():
        d = g.build_nat()
        public = [d.sub(f"public-{z}") for z in "abc"]
        def dep_net(s):
            dep = s["deployments"][0]
            dep["networkConfiguration"]["awsvpcConfiguration"]["subnets"] = public
            dep["failedTasks"] = 3
        edit_service(d, dep_net)
        return g.Scenario(d, """\
PRIVATE-NAT design whose PRIMARY deployment failed 3 tasks and runs in the public subnets (without a
public IP) while the service shows the private ones (docs/design/causes.md#svc009): SVC009 blocker on the deployment,
naming the subnets only the deployment uses. The paths are traced from the deployment's subnets, so
NET001 (public subnets, no public IP) names what breaks there.""",
                          "blocked", 1, findings=[g.F("SVC009", "ecs-svc/4412817165334523791", "blocker"),
                                                  g.F("NET001", svc_arn, "blocker")])

    @g.scenario("svc004-spot-not-associated")
    def _():
        d = g.build_nat()
        def strategy(s):
            del s["launchType"]
            s["capacityProviderStrategy"] = [{"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 0}]
            del s["deployments"][0]["launchType"]
            s["deployments"][0]["capacityProviderStrategy"] = copy.deepcopy(s["capacityProviderStrategy"])
        def providers(files):
            files["ecs-describe-clusters.json"]["clusters"][0]["capacityProviders"] = ["FARGATE"]
        edit_service(d, strategy)
        d.mutations.append(providers)
        return g.Scenario(d, """\
PRIVATE-NAT design whose service places tasks with capacityProviderStrategy FARGATE_SPOT while
cluster prod has only FARGATE associated (docs/design/causes.md#svc004): SVC004 blocker on the cluster.""",
                          "blocked", 1, findings=[g.F("SVC004", cluster_arn, "blocker")])
