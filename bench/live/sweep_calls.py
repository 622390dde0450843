#!/usr/bin/env python3
"""How the live collection's call count and wall time grow with services (README, "Sweeps").

For N in 1, 10, 100 (or the Ns given): a fresh moto server on loopback, one account, one Region,
one cluster of N healthy Fargate services sharing a VPC, an execution role, an image and a log
group (tests/live/moto_sweep_setup.py builds them), then `fargate-doctor collect --cluster C`
(a sweep of the cluster) through a wrapper `aws` that logs each command. Prints calls, calls
per service and seconds, next to what N one-service runs would cost.

Usage: bench/live/sweep_calls.py BINARY [N ...]      (needs the aws CLI and moto[server])
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "live"))
import moto_sweep_setup as setup  # noqa: E402

import boto3  # noqa: E402

REGION = "us-east-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION=REGION,
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null", AWS_PAGER="")
    return env


def build(endpoint, n):
    os.environ.update(environment())
    session = boto3.session.Session()
    client = lambda name: session.client(name, endpoint_url=endpoint, region_name=REGION)
    execution, _ = setup.roles(client("iam"))
    net = setup.network(client("ec2"), REGION)
    client("ecr").create_repository(repositoryName="app")
    client("ecr").put_image(repositoryName="app", imageTag="1.0", imageManifest=setup.MANIFEST)
    client("logs").create_log_group(logGroupName="/ecs/app")
    ecs = client("ecs")
    ecs.create_cluster(clusterName="prod")
    td = setup.task_definition(ecs, "app", f"123456789012.dkr.ecr.{REGION}.amazonaws.com/app:1.0", execution, REGION)
    for i in range(n):
        setup.service(ecs, "prod", f"svc-{i}", td, net["private"], net["sg"])


def measure(binary, n, work):
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    env = environment()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              env=dict(env, MOTO_IAM_LOAD_MANAGED_POLICIES="true"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        build(endpoint, n)
        log = os.path.join(work, f"calls-{n}.log")
        shim = os.path.join(work, "aws")
        with open(shim, "w") as f:
            f.write(f"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{log}'\nexec '{shutil.which('aws')}' \"$@\"\n")
        os.chmod(shim, 0o755)
        def collect(*scope):
            out = tempfile.mkdtemp(dir=work)
            if os.path.exists(log):
                os.remove(log)
            start = time.monotonic()
            subprocess.run([binary, "collect", "--cluster", "prod", *scope, "--region", REGION, "--out", out,
                            "--endpoint-url", endpoint, "--aws-cli", shim], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds = time.monotonic() - start
            with open(log) as f:
                return sum(1 for _ in f), seconds
        calls, seconds = collect()
        named, _ = collect("--service", "svc-0")  # what one service costs alone
        return calls, seconds, named
    finally:
        server.terminate()
        server.wait()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    ns = [int(a) for a in sys.argv[2:]] or [1, 10, 100]
    work = tempfile.mkdtemp(prefix="fd-bench-live-")
    one = 0
    try:
        rows = []
        for n in ns:
            calls, seconds, one = measure(binary, n, work)
            rows.append((n, calls, seconds))
        print("| services | calls | calls per service | N one-service runs | wall time |")
        print("|---:|---:|---:|---:|---:|")
        for n, calls, seconds in rows:
            print(f"| {n} | {calls} | {calls / n:.1f} | {one * n} | {seconds:.1f} s |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
