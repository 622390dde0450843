"""EFS scenarios (STO002, STO003): the healthy PRIVATE-NAT design whose task definition mounts an
EFS file system, with describe-file-systems, describe-mount-targets and one enveloped
describe-mount-target-security-groups per mount target. Loaded by generate.py (register(g))."""

FS_ID = "fs-0b7d31c9e2a4f6058"


def register(g):
    def efs_design(zones="abc", nfs_ingress=True):
        """build_nat plus an EFS volume and a mount target in private-<z> for each of `zones`,
        guarded by security group efs (ingress tcp 2049 from the api tasks' group, or only 443)."""
        d = g.build_nat()
        api = d.sg("api")
        port = (2049, 2049) if nfs_ingress else (443, 443)
        note = "NFS from the api tasks" if nfs_ingress else "HTTPS from the api tasks"
        d.sgs["efs"] = g.sg_doc(d, "vpc", d.id("sg", "efs"), "efs-uploads", "uploads file system",
                                [g.perm("tcp", port, groups=[(api, note)])],
                                [g.perm("-1", cidrs=[("0.0.0.0/0", None)])], name_tag="efs-uploads")
        fs_arn = f"arn:aws:elasticfilesystem:{d.region}:{g.ACCOUNT}:file-system/{FS_ID}"

        def add_efs(files):
            td = files["ecs-describe-task-definition.json"]["taskDefinition"]
            td["volumes"] = [{"name": "uploads", "efsVolumeConfiguration": {
                "fileSystemId": FS_ID, "rootDirectory": "/", "transitEncryption": "ENABLED"}}]
            td["containerDefinitions"][0]["mountPoints"] = [
                {"sourceVolume": "uploads", "containerPath": "/srv/uploads", "readOnly": False}]
            files["efs-describe-file-systems.json"] = {"FileSystems": [{
                "OwnerId": g.ACCOUNT, "CreationToken": "uploads", "FileSystemId": FS_ID,
                "FileSystemArn": fs_arn, "CreationTime": "2024-11-04T09:12:44+01:00",
                "LifeCycleState": "available", "Name": "uploads", "NumberOfMountTargets": len(zones),
                "SizeInBytes": {"Value": 6144}, "PerformanceMode": "generalPurpose",
                "Encrypted": True, "ThroughputMode": "elastic", "Tags": g.tag("uploads")}]}
            targets = []
            for z in zones:
                sub = d.subnets[f"private-{z}"]
                mt_id = g.rid("fsmt", f"{d.key}/efs/{z}")
                base = sub["CidrBlock"].split("/")[0].rsplit(".", 1)[0]
                targets.append({
                    "OwnerId": g.ACCOUNT, "MountTargetId": mt_id, "FileSystemId": FS_ID,
                    "SubnetId": sub["SubnetId"], "LifeCycleState": "available",
                    "IpAddress": f"{base}.{40 + 'abc'.index(z)}",
                    "NetworkInterfaceId": g.rid("eni", f"{d.key}/efs/{z}"),
                    "AvailabilityZoneId": sub["AvailabilityZoneId"],
                    "AvailabilityZoneName": sub["AvailabilityZone"], "VpcId": sub["VpcId"]})
                files[f"efs-describe-mount-target-security-groups-{z}.json"] = {
                    "fargateDoctorEnvelope": 1,
                    "command": ["efs", "describe-mount-target-security-groups", "--mount-target-id", mt_id],
                    "region": d.region,
                    "output": {"SecurityGroups": [d.sg("efs")]}}
            files["efs-describe-mount-targets.json"] = {"MountTargets": targets}

        d.mutations = [add_efs]
        return d

    @g.scenario("efs-mount-targets-healthy")
    def _():
        d = efs_design()
        return g.Scenario(d, f"""\
Healthy PRIVATE-NAT design whose task definition mounts EFS file system {FS_ID}: a mount target
in each of the three task subnets (one per Availability Zone), and their security group admits TCP
2049 from the api tasks' group (docs/design/causes.md#sto002, #sto003). Verdict ok; STO002 and STO003 stay silent.""",
                          "ok", 0)

    @g.scenario("sto002-efs-no-mount-target-in-az")
    def _():
        d = efs_design(zones="ab")
        return g.Scenario(d, f"""\
PRIVATE-NAT design whose EFS file system {FS_ID} has mount targets in the zones of private-a and
private-b only; tasks placed in private-c cannot resolve the file system (docs/design/causes.md#sto002). Two of
three subnets work, so STO002 is a warning on the file system.""",
                          "at-risk", 0, findings=[g.F("STO002", FS_ID, "warning")])

    @g.scenario("sto003-efs-sg-lacks-2049")
    def _():
        d = efs_design(nfs_ingress=False)
        return g.Scenario(d, f"""\
PRIVATE-NAT design whose EFS mount targets' security group efs-uploads admits only TCP 443 from
the api tasks, not NFS on TCP 2049: every mount times out (docs/design/causes.md#sto003). STO003 blocker on the
mount targets' security group.""",
                          "blocked", 1, findings=[g.F("STO003", d.sg("efs"), "blocker")])
