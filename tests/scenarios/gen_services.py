"""Service attachments and FireLens/EFS/EBS scenarios (SVC001/002/003/007/011, LOG005, STO004/006/
007/009): the healthy PRIVATE-NAT design with one edit of describe-services, the task definition,
the elbv2 or EFS outputs, or a describe-tasks item. Each check has a scenario that fires it and a
healthy one that keeps it silent. Loaded by generate.py (register(g))."""

FS_ID = "fs-05c2e8a1d4b7f9036"
AP_ID = "fsap-0a4f1c7e9b2d3e581"
OWN_CODES = ("LOG005", "STO004", "STO006", "STO007", "STO009",
             "SVC001", "SVC002", "SVC003", "SVC007", "SVC011")


def register(g):
    region = "eu-west-3"
    tg_arn = f"arn:aws:elasticloadbalancing:{region}:{g.ACCOUNT}:targetgroup/api-ip/6d0ecf831eec9f09"
    lb_arn = f"arn:aws:elasticloadbalancing:{region}:{g.ACCOUNT}:loadbalancer/app/shop-prod/50dc6c495c0c9188"
    td_arn = f"arn:aws:ecs:{region}:{g.ACCOUNT}:task-definition/api:7"
    svc_arn = f"arn:aws:ecs:{region}:{g.ACCOUNT}:service/prod/api"

    def scenario(d, readme, verdict, exit_code, findings=(), silent=(), **kw):
        """g.Scenario; `silent` names this file's codes the scenario keeps silent (documentation
        only: expect.json's `absent` lists network codes, the goldens prove the rest)."""
        del silent
        return g.Scenario(d, readme, verdict, exit_code, findings=findings, **kw)

    def nat(*mutations, dualstack=False):
        d = g.build_nat(dualstack=dualstack)
        d.mutations = list(mutations)
        return d

    def td_of(files):
        return files["ecs-describe-task-definition.json"]["taskDefinition"]

    def svc_of(files):
        return files["ecs-describe-services.json"]["services"][0]

    # ---- load balancer, service discovery, Service Connect -----------------------------------

    def attach_lb(d, target_type="ip", tg_vpc=None, container_port=8080, zones="abc"):
        def edit(files):
            svc_of(files)["loadBalancers"] = [
                {"targetGroupArn": tg_arn, "containerName": "api", "containerPort": container_port}]
            vpc = d.vpc_id()
            files["elbv2-describe-target-groups.json"] = {"TargetGroups": [{
                "TargetGroupArn": tg_arn, "TargetGroupName": "api-ip", "Protocol": "HTTP", "Port": 8080,
                "VpcId": tg_vpc or vpc, "HealthCheckProtocol": "HTTP", "HealthCheckPort": "traffic-port",
                "HealthCheckEnabled": True, "HealthCheckPath": "/health", "Matcher": {"HttpCode": "200"},
                "LoadBalancerArns": [lb_arn], "TargetType": target_type, "ProtocolVersion": "HTTP1",
                "IpAddressType": "ipv4"}]}
            files["elbv2-describe-load-balancers.json"] = {"LoadBalancers": [{
                "LoadBalancerArn": lb_arn,
                "DNSName": f"internal-shop-prod-1234567890.{region}.elb.amazonaws.com",
                "CanonicalHostedZoneId": "Z3Q77PNBQS71R4", "CreatedTime": "2024-09-02T13:58:20.110000+00:00",
                "LoadBalancerName": "shop-prod", "Scheme": "internet-facing", "VpcId": vpc,
                "State": {"Code": "active"}, "Type": "application",
                "AvailabilityZones": [{"ZoneName": d.subnets[f"public-{z}"]["AvailabilityZone"],
                                       "SubnetId": d.sub(f"public-{z}"), "LoadBalancerAddresses": []}
                                      for z in zones],
                "SecurityGroups": [d.sg("api")], "IpAddressType": "ipv4"}]}
        d.mutations.append(edit)

    def registries(d, port_name="api-8080-tcp", registry_port=8080):
        def edit(files):
            svc = svc_of(files)
            svc["serviceRegistries"] = [{
                "registryArn": f"arn:aws:servicediscovery:{region}:{g.ACCOUNT}:service/srv-utvcjdglpnpsq5gj",
                "containerName": "api", "containerPort": registry_port}]
            svc["deployments"][0]["serviceConnectConfiguration"] = {
                "enabled": True, "namespace": f"arn:aws:servicediscovery:{region}:{g.ACCOUNT}:namespace/ns-kd3bqfwpf6tmhd2n",
                "services": [{"portName": port_name, "discoveryName": "api",
                              "clientAliases": [{"port": 80, "dnsName": "api"}]}]}
        d.mutations.append(edit)

    @g.scenario("services-lb-discovery-healthy")
    def _():
        d = nat()
        attach_lb(d)
        registries(d)
        return scenario(d, """\
Healthy PRIVATE-NAT design whose service api sends target group api-ip (type ip, in the tasks' VPC,
behind an application load balancer enabled in all three zones) to container api:8080, registers
api:8080 in Cloud Map and publishes port mapping api-8080-tcp with Service Connect (docs/design/causes.md#svc001,
K2, K3, K7). Verdict ok; SVC001, SVC002, SVC003 and SVC007 stay silent.""",
                        "ok", 0, silent=OWN_CODES)

    @g.scenario("svc001-target-type-instance")
    def _():
        d = nat()
        attach_lb(d, target_type="instance")
        return scenario(d, """\
PRIVATE-NAT design whose service api uses target group api-ip of target type instance; Fargate
tasks (awsvpc) register by IP only, so the service cannot take its tasks (docs/design/causes.md#svc001). SVC001
blocker on the target group.""",
                        "blocked", 1, findings=[g.F("SVC001", tg_arn, "blocker")],
                        silent=("SVC002", "SVC003"))

    @g.scenario("svc002-target-group-other-vpc")
    def _():
        d = nat()
        attach_lb(d, tg_vpc="vpc-0e1d2c3b4a5968778")
        return scenario(d, """\
PRIVATE-NAT design whose service api uses target group api-ip created in another VPC
(vpc-0e1d2c3b4a5968778) than its task subnets; ECS cannot register the tasks' addresses there
(docs/design/causes.md#svc002). SVC002 blocker on the target group.""",
                        "blocked", 1, findings=[g.F("SVC002", tg_arn, "blocker")],
                        silent=("SVC001", "SVC003"))

    @g.scenario("svc002-lb-zone-missing")
    def _():
        d = nat()
        attach_lb(d, zones="ab")
        return scenario(d, """\
PRIVATE-NAT design whose load balancer shop-prod is enabled only in the zones of public-a and
public-b; tasks placed in private-c never receive traffic and fail their health checks (docs/design/causes.md#svc002).
SVC002 warning on the load balancer (one of three subnets).""",
                        "at-risk", 0, findings=[g.F("SVC002", lb_arn, "warning")],
                        silent=("SVC001", "SVC003"))

    @g.scenario("svc003-lb-container-port")
    def _():
        d = nat()
        attach_lb(d, container_port=80)
        return scenario(d, """\
PRIVATE-NAT design whose service api sends its target group to api:80, but container api of
api:7 maps only port 8080 (docs/design/causes.md#svc003). SVC003 blocker on the task definition.""",
                        "blocked", 1, findings=[g.F("SVC003", td_arn, "blocker")],
                        silent=("SVC001", "SVC002"))

    @g.scenario("svc007-service-connect-port-name")
    def _():
        d = nat()
        registries(d, port_name="http")
        return scenario(d, """\
PRIVATE-NAT design whose PRIMARY deployment publishes Service Connect portName http, but the only
port mapping of api:7 is named api-8080-tcp; tasks stay in ACTIVATING (docs/design/causes.md#svc007). SVC007
warning on the service.""",
                        "at-risk", 0, findings=[g.F("SVC007", svc_arn, "warning")],
                        silent=("SVC001", "SVC002", "SVC003"))

    @g.scenario("svc011-guardduty-sidecar-pull")
    def _():
        d = nat()

        def add(files):
            task = f"arn:aws:ecs:{region}:{g.ACCOUNT}:task/prod/5e2d8c1a9b7f4e3d8c6b5a4f3e2d1c0b"
            files["ecs-describe-tasks.json"] = {"tasks": [{
                "taskArn": task, "clusterArn": f"arn:aws:ecs:{region}:{g.ACCOUNT}:cluster/prod",
                "taskDefinitionArn": td_arn, "group": "service:api", "launchType": "FARGATE",
                "platformVersion": "1.4.0", "platformFamily": "Linux",
                "availabilityZone": d.subnets["private-a"]["AvailabilityZone"],
                "lastStatus": "RUNNING", "desiredStatus": "RUNNING", "cpu": "256", "memory": "512",
                "startedAt": "2025-03-11T09:42:45.300000+01:00",
                "attachments": [{"id": "4b1f0c2e-1111-2222-3333-444455556666",
                                 "type": "ElasticNetworkInterface", "status": "ATTACHED",
                                 "details": [{"name": "subnetId", "value": d.sub("private-a")},
                                             {"name": "networkInterfaceId", "value": "eni-0c4e1a2b3d5f60718"},
                                             {"name": "privateIPv4Address", "value": "10.20.16.37"}]}],
                "containers": [
                    {"name": "api", "image": d.td["image"], "lastStatus": "RUNNING", "taskArn": task},
                    {"name": "aws-guardduty-agent-nm3vQk", "lastStatus": "STOPPED", "taskArn": task,
                     "image": "593207742271.dkr.ecr.eu-west-3.amazonaws.com/aws-guardduty-agent-fargate:v1.5.0",
                     "reason": "CannotPullContainerError: pull image manifest has been retried 5 time(s): "
                               "failed to resolve ref 593207742271.dkr.ecr.eu-west-3.amazonaws.com/"
                               "aws-guardduty-agent-fargate:v1.5.0: unexpected status from HEAD request: "
                               "403 Forbidden"}]}],
                "failures": []}
        d.mutations.append(add)
        return scenario(d, """\
PRIVATE-NAT design whose running api task shows the GuardDuty Runtime Monitoring sidecar
aws-guardduty-agent-nm3vQk stopped with CannotPullContainerError (403 from the GuardDuty ECR
repository); the task keeps running unmonitored (docs/design/causes.md#svc011). SVC011 warning on the service.""",
                        "at-risk", 0, findings=[g.F("SVC011", svc_arn, "warning")],
                        maybe=("IMG008",))

    # ---- FireLens --------------------------------------------------------------------------

    def firelens(config_type):
        def edit(files):
            td = td_of(files)
            app = td["containerDefinitions"][0]
            app["logConfiguration"] = {"logDriver": "awsfirelens", "options": {
                "Name": "cloudwatch_logs", "region": region, "log_group_name": "/ecs/api",
                "log_stream_prefix": "api-", "auto_create_group": "false"}}
            app["dependsOn"] = [{"containerName": "log_router", "condition": "START"}]
            options = {"enable-ecs-log-metadata": "true", "config-file-type": config_type,
                       "config-file-value": ("arn:aws:s3:::shop-prod-config/fluent-bit/extra.conf"
                                             if config_type == "s3" else "/fluent-bit/etc/extra.conf")}
            td["containerDefinitions"].append({
                "name": "log_router",
                "image": f"{g.ACCOUNT}.dkr.ecr.{region}.amazonaws.com/api:1.4",
                "essential": True, "cpu": 0, "memoryReservation": 50,
                "firelensConfiguration": {"type": "fluentbit", "options": options},
                "logConfiguration": {"logDriver": "awslogs", "options": {
                    "awslogs-group": "/ecs/api", "awslogs-region": region,
                    "awslogs-stream-prefix": "firelens"}}})
        return edit

    @g.scenario("firelens-healthy")
    def _():
        d = nat(firelens("file"))
        return scenario(d, """\
Healthy PRIVATE-NAT design whose container api logs through FireLens: a log_router container
(fluentbit, image in private ECR) reads its extra configuration from a file in its image
(docs/design/causes.md#log005). Verdict ok; LOG005 stays silent.""",
                        "ok", 0, silent=OWN_CODES)

    @g.scenario("log005-firelens-s3-config")
    def _():
        d = nat(firelens("s3"))
        return scenario(d, """\
PRIVATE-NAT design whose FireLens log router reads its configuration from S3 (config-file-type
s3); Fargate supports only config-file-type file (docs/design/causes.md#log005). LOG005 blocker on the task
definition.""",
                        "blocked", 1, findings=[g.F("LOG005", td_arn, "blocker")])

    # ---- EFS: DNS, access points, IPv6 -----------------------------------------------------

    def efs(d, access_point=None, root="/", transit="ENABLED", ipv6=False, ingress="group"):
        """An EFS volume mounted by api, a mount target per private subnet guarded by security
        group efs (ingress tcp 2049 from the api group, or from the VPC IPv4 CIDR only)."""
        api = d.sg("api")
        if ingress == "group":
            rule = g.perm("tcp", (2049, 2049), groups=[(api, "NFS from the api tasks")])
        else:
            rule = g.perm("tcp", (2049, 2049), cidrs=[(d.vpc_cidrs["vpc"][0], "NFS from the VPC")])
        d.sgs["efs"] = g.sg_doc(d, "vpc", d.id("sg", "efs"), "efs-media", "media file system", [rule],
                                [g.perm("-1", cidrs=[("0.0.0.0/0", None)])], name_tag="efs-media")

        def edit(files):
            td = td_of(files)
            config = {"fileSystemId": FS_ID, "transitEncryption": transit}
            if root is not None:
                config["rootDirectory"] = root
            if access_point is not None:
                config["authorizationConfig"] = {"accessPointId": AP_ID, "iam": "DISABLED"}
            td["volumes"] = [{"name": "media", "efsVolumeConfiguration": config}]
            td["containerDefinitions"][0]["mountPoints"] = [
                {"sourceVolume": "media", "containerPath": "/srv/media", "readOnly": False}]
            files["efs-describe-file-systems.json"] = {"FileSystems": [{
                "OwnerId": g.ACCOUNT, "CreationToken": "media", "FileSystemId": FS_ID,
                "FileSystemArn": f"arn:aws:elasticfilesystem:{region}:{g.ACCOUNT}:file-system/{FS_ID}",
                "LifeCycleState": "available", "Name": "media", "NumberOfMountTargets": 3,
                "PerformanceMode": "generalPurpose", "Encrypted": True, "ThroughputMode": "elastic"}]}
            targets = []
            for i, z in enumerate("abc"):
                sub = d.subnets[f"private-{z}"]
                mt_id = g.rid("fsmt", f"{d.key}/media/{z}")
                base = sub["CidrBlock"].split("/")[0].rsplit(".", 1)[0]
                mt = {"OwnerId": g.ACCOUNT, "MountTargetId": mt_id, "FileSystemId": FS_ID,
                      "SubnetId": sub["SubnetId"], "LifeCycleState": "available",
                      "IpAddress": f"{base}.{50 + i}",
                      "NetworkInterfaceId": g.rid("eni", f"{d.key}/media/{z}"),
                      "AvailabilityZoneId": sub["AvailabilityZoneId"],
                      "AvailabilityZoneName": sub["AvailabilityZone"], "VpcId": sub["VpcId"]}
                if ipv6:
                    v6 = sub["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"].split("/")[0]
                    mt["Ipv6Address"] = v6 + "e:f5"
                targets.append(mt)
                files[f"efs-describe-mount-target-security-groups-{z}.json"] = {
                    "fargateDoctorEnvelope": 1,
                    "command": ["efs", "describe-mount-target-security-groups", "--mount-target-id", mt_id],
                    "region": region, "output": {"SecurityGroups": [d.sg("efs")]}}
            files["efs-describe-mount-targets.json"] = {"MountTargets": targets}
            if access_point is not None:
                ap = {"ClientToken": "media-uploads", "Name": "media-uploads", "AccessPointId": AP_ID,
                      "AccessPointArn": f"arn:aws:elasticfilesystem:{region}:{g.ACCOUNT}:access-point/{AP_ID}",
                      "FileSystemId": access_point.get("fs", FS_ID),
                      "PosixUser": {"Uid": 1000, "Gid": 1000},
                      "RootDirectory": {"Path": "/uploads"}, "OwnerId": g.ACCOUNT,
                      "LifeCycleState": "available"}
                if access_point.get("creation_info", True):
                    ap["RootDirectory"]["CreationInfo"] = {"OwnerUid": 1000, "OwnerGid": 1000,
                                                           "Permissions": "755"}
                files["efs-describe-access-points.json"] = {"AccessPoints": [ap]}
        d.mutations.append(edit)

    @g.scenario("efs-access-point-healthy")
    def _():
        d = nat()
        efs(d, access_point={}, root=None)
        return scenario(d, f"""\
Healthy PRIVATE-NAT design whose task definition mounts EFS file system {FS_ID} through access
point {AP_ID} (path /uploads with CreationInfo, transit encryption on, no rootDirectory), with a
mount target per zone admitting NFS from the api tasks (docs/design/causes.md#sto004, #sto006). Verdict ok; STO004,
STO006 and STO007 stay silent.""",
                        "ok", 0, silent=OWN_CODES)

    @g.scenario("sto004-efs-dns-hostnames-off")
    def _():
        d = nat()
        efs(d)
        d.dns[d.vpc_id()]["EnableDnsHostnames"] = False
        return scenario(d, f"""\
PRIVATE-NAT design mounting EFS file system {FS_ID} with a mount target in every zone, but
enableDnsHostnames is false on the VPC, so the file system's DNS name does not resolve (docs/design/causes.md#sto004).
No interface endpoints, so VPCE007 has nothing to break. STO004 blocker on the VPC.""",
                        "blocked", 1, findings=[g.F("STO004", d.vpc_id(), "blocker")],
                        silent=("STO006", "STO007"))

    @g.scenario("sto006-efs-access-point-rootdir")
    def _():
        d = nat()
        efs(d, access_point={}, root="/uploads")
        return scenario(d, f"""\
PRIVATE-NAT design whose EFS volume uses access point {AP_ID} and also sets rootDirectory
/uploads; with an access point the root directory must be omitted or "/" (docs/design/causes.md#sto006). STO006
blocker on the task definition.""",
                        "blocked", 1, findings=[g.F("STO006", td_arn, "blocker")],
                        silent=("STO004", "STO007"))

    @g.scenario("efs-dualstack-healthy")
    def _():
        d = nat(dualstack=True)
        efs(d, ipv6=True)
        return scenario(d, f"""\
Healthy dual-stack PRIVATE-NAT design whose EFS file system {FS_ID} has dual-stack mount targets;
their security group admits NFS from the api tasks' group, which covers IPv6 too (docs/design/causes.md#sto007).
Verdict ok; STO007 stays silent.""",
                        "ok", 0, silent=OWN_CODES)

    @g.scenario("sto007-efs-dualstack-ipv4-rules")
    def _():
        d = nat(dualstack=True)
        efs(d, ipv6=True, ingress="cidr")
        mts = [g.rid("fsmt", f"{d.key}/media/{z}") for z in "abc"]
        return scenario(d, f"""\
Dual-stack PRIVATE-NAT design whose EFS mount targets have IPv6 addresses, but their security
group admits NFS (TCP 2049) only from the VPC's IPv4 CIDR; a mount that prefers IPv6 times out
(docs/design/causes.md#sto007). STO007 warning on each mount target.""",
                        "at-risk", 0, findings=[g.F("STO007", mt, "warning") for mt in mts],
                        silent=("STO004", "STO006"))

    # ---- ECS-managed EBS volumes -----------------------------------------------------------

    def ebs(role=True, size=40):
        def edit(files):
            td = td_of(files)
            td["volumes"] = [{"name": "scratch", "configuredAtLaunch": True}]
            td["containerDefinitions"][0]["mountPoints"] = [
                {"sourceVolume": "scratch", "containerPath": "/scratch", "readOnly": False}]
            managed = {"volumeType": "gp3", "sizeInGiB": size, "filesystemType": "ext4"}
            if role:
                managed["roleArn"] = f"arn:aws:iam::{g.ACCOUNT}:role/ecsInfrastructureRole"
            svc = svc_of(files)
            svc["deployments"][0]["volumeConfigurations"] = [{"name": "scratch", "managedEBSVolume": managed}]
        return edit

    @g.scenario("ebs-volume-healthy")
    def _():
        d = nat(ebs())
        return scenario(d, """\
Healthy PRIVATE-NAT design whose task definition has volume scratch configured at launch, and whose
PRIMARY deployment gives it a 40 GiB gp3 ext4 volume created with infrastructure role
ecsInfrastructureRole (docs/design/causes.md#sto009). Verdict ok; STO009 stays silent.""",
                        "ok", 0, silent=OWN_CODES)

    @g.scenario("sto009-ebs-no-role-too-large")
    def _():
        d = nat(ebs(role=False, size=20000))
        return scenario(d, """\
PRIVATE-NAT design whose volume scratch (configured at launch) gets a gp3 volume of 20000 GiB
(gp3 allows 1-16384) and no infrastructure roleArn, so ECS cannot create it (docs/design/causes.md#sto009). STO009
blocker on the service.""",
                        "blocked", 1, findings=[g.F("STO009", svc_arn, "blocker")])
