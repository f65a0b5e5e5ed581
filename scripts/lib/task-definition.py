"""Turns the ECS task definition of a synthesized template into podman commands, for scripts/task-definition-test.

    python3 task-definition.py TEMPLATE OUTDIR --image TAG --prefix NAME --db-host HOST --db-port PORT
                               --db-user USER --db-password PASSWORD --db-ca PEM

Writes to OUTDIR:
  containers          the containers to start, in dependency order, one per line
  <name>.args         `podman run` arguments of a container (NUL-separated), ending with the image and command
  <name>.meta         shell variables: essential, depends ("other:CONDITION ..."), health_*, stop_timeout
  volumes             one task volume a line: podman-volume-name kind [uid gid mode] (kind scratch or efs)
  ports               one port mapping a line: container-port host-port (host ports free on 127.0.0.1)
  notes               what was substituted or left out, and why, one line each

Every field of a container definition is either mapped to podman or named in IGNORED with the reason; a field
this script does not know fails the run, so that a new setting in infra cannot go untested without anyone
noticing. Intrinsic functions resolve to literals of the same template where there is one (a VPC's CidrBlock)
and to a local equivalent where the value only exists in AWS (the database endpoint, the API's URL).
"""

import argparse
import json
import os
import secrets
import socket
import sys

# Container definition fields that have no meaning on this machine, with the reason the test prints.
IGNORED = {
    "Image": "the image built from this Dockerfile in place of the ECR image",
    "LogConfiguration": "awslogs: podman keeps the logs",
    "Name": None,
}

# Pseudo parameters as a dev deployment in us-east-1 would see them (the tests synthesize for that region).
PSEUDO = {
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::Region": "us-east-1",
    "AWS::URLSuffix": "amazonaws.com",
}

ECS_HEALTH_DEFAULTS = {"Interval": 30, "Timeout": 5, "Retries": 3, "StartPeriod": 0}
# Fargate's default when a container sets no StopTimeout.
ECS_STOP_TIMEOUT = 30


class Unmapped(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Resolver:
    def __init__(self, resources, stack_name, args, api_url):
        self.resources = resources
        self.stack_name = stack_name
        self.args = args
        self.api_url = api_url
        self.container = None
        self.quiet = False
        self.notes = {}
        # Whole secrets (no JSON key) the task reads, by variable: one local value per run, shared by
        # the task's containers as the one secret is in ECS.
        self.whole_secrets = {"WAYMARK_KEY_ENCRYPTION_KEY": secrets.token_hex(32)}
        # The first admin's secret ({"username": "admin", "password": generated}) by variable, as its JSON keys
        # are the same as the database secret's.
        self.admin = {"WAYMARK_ADMIN_USER": "admin", "WAYMARK_ADMIN_PASSWORD": secrets.token_hex(16)}

    def value(self, value, where):
        """A literal string for VALUE, noting every substitution made for WHERE."""
        if isinstance(value, (str, int, float)):
            return str(value)
        if isinstance(value, dict) and len(value) == 1:
            (function, operand), = value.items()
            if function == "Fn::Join":
                separator, parts = operand
                return separator.join(self.value(part, where) for part in parts)
            if function == "Ref":
                return self.ref(operand, where)
            if function == "Fn::GetAtt":
                resource, attribute = operand if isinstance(operand, list) else operand.split(".", 1)
                return self.get_att(resource, attribute, where)
        raise Unmapped("%s: %s has no local equivalent in task-definition-test" % (where, json.dumps(value)))

    def ref(self, name, where):
        if name in PSEUDO:
            return PSEUDO[name]
        if name == "AWS::StackName":
            return self.stack_name
        # A resource's physical ID (a secret's ARN, a file system ID): a stand-in, noted.
        if name in self.resources:
            stand_in = "local-%s" % name
            if not self.quiet:
                self.note("%s: Ref %s (%s) -> %s" % (where, name, self.resources[name]["Type"], stand_in))
            return stand_in
        raise Unmapped("%s: Ref %s has no local equivalent" % (where, name))

    def get_att(self, resource, attribute, where):
        definition = self.resources.get(resource)
        if definition is None:
            raise Unmapped("%s: Fn::GetAtt of %s, which is not in the template" % (where, resource))
        kind = definition["Type"]
        literal = definition.get("Properties", {}).get(attribute)
        if isinstance(literal, (str, int)):
            self.note("%s: Fn::GetAtt %s.%s -> %s (the template's own value)" % (where, resource, attribute, literal))
            return str(literal)
        local = {
            ("AWS::RDS::DBInstance", "Endpoint.Address"): self.args.db_host,
            ("AWS::RDS::DBInstance", "Endpoint.Port"): self.args.db_port,
            ("AWS::ApiGatewayV2::Api", "ApiEndpoint"): self.api_url,
            ("AWS::ElasticLoadBalancingV2::LoadBalancer", "DNSName"): self.api_url.split("//", 1)[1],
        }.get((kind, attribute))
        if local is None:
            raise Unmapped("%s: Fn::GetAtt %s.%s (%s) has no local equivalent" % (where, resource, attribute, kind))
        self.note("%s: Fn::GetAtt %s.%s (%s) -> %s" % (where, resource, attribute, kind, local))
        return str(local)

    def note(self, line):
        """One line per substitution, naming the containers it applies to."""
        containers = self.notes.setdefault(line, [])
        if self.container and self.container not in containers:
            containers.append(self.container)

    def lines(self):
        return ["%s%s" % ("[%s] " % ", ".join(c) if c else "", line) for line, c in self.notes.items()]


def secret_value(resolver, secret, where):
    """ECS secrets as local values: the JSON key of a Secrets Manager reference picks the local credential."""
    resolver.quiet = True
    value_from = resolver.value(secret["ValueFrom"], where)
    resolver.quiet = False
    # arn:aws:secretsmanager:region:account:secret:name:json-key:version-stage:version-id, or here
    # local-<logical id>:json-key:: after the Ref's stand-in.
    fields = value_from.split(":")
    json_key = fields[-3] if len(fields) >= 3 else ""
    if not json_key and secret["Name"] in resolver.whole_secrets:
        resolver.note("%s: secret %s -> a random local value" % (where, value_from))
        return resolver.whole_secrets[secret["Name"]]
    if secret["Name"] in resolver.admin:
        local = resolver.admin[secret["Name"]]
        shown = local if secret["Name"] == "WAYMARK_ADMIN_USER" else "<a random local password>"
        resolver.note("%s: secret %s -> %s" % (where, value_from, shown))
        return local
    local = {"username": resolver.args.db_user, "password": resolver.args.db_password}.get(json_key)
    if local is None:
        raise Unmapped("%s: secret %s (JSON key %r) has no local value" % (where, value_from, json_key))
    shown = local if json_key == "username" else "<the local role's password>"
    resolver.note("%s: secret %s -> %s" % (where, value_from, shown))
    return local


def health_command(command):
    # podman takes Docker's JSON form as is: ["CMD-SHELL", "..."] or ["CMD", ...].
    if not command or command[0] not in ("CMD", "CMD-SHELL"):
        raise Unmapped("health check command %r is neither CMD nor CMD-SHELL" % (command,))
    return json.dumps(command)


def container_args(container, resolver, args, volume_names, ports):
    name = container["Name"]
    resolver.container = name
    run = []
    meta = {"essential": str(container.get("Essential", True)).lower(), "depends": "", "health": "false",
            "stop_timeout": str(container.get("StopTimeout", ECS_STOP_TIMEOUT))}
    handled = set(IGNORED)
    for variable in container.get("Environment", []):
        value = resolver.value(variable["Value"], variable["Name"])
        run += ["-e", "%s=%s" % (variable["Name"], value)]
        sslrootcert = value.partition("sslrootcert=")[2].partition("&")[0]
        if sslrootcert:
            # The URL stays as the template has it; the file it names holds the local server's CA instead of
            # the RDS CAs (no local server can have an RDS-signed certificate).
            run += ["-v", "%s:%s:ro" % (args.db_ca, sslrootcert)]
            resolver.note("%s: sslrootcert=%s -> the local PostgreSQL's CA mounted read-only at that path"
                          % (variable["Name"], sslrootcert))
    handled.add("Environment")
    for secret in container.get("Secrets", []):
        run += ["-e", "%s=%s" % (secret["Name"], secret_value(resolver, secret, secret["Name"]))]
    handled.add("Secrets")
    if "User" in container:
        run += ["--user", container["User"]]
    handled.add("User")
    if container.get("ReadonlyRootFilesystem"):
        # Only what the task mounts is writable: podman's own writable /run, /tmp and /var/tmp are not added.
        run += ["--read-only", "--read-only-tmpfs=false"]
    handled.add("ReadonlyRootFilesystem")
    # The image's VOLUME lines are not task volumes: a path the task does not mount stays read-only here, as
    # the task definition alone must give every writable path.
    run += ["--image-volume", "ignore"]
    for mount in container.get("MountPoints", []):
        options = "ro" if mount.get("ReadOnly") else "rw"
        run += ["-v", "%s:%s:%s" % (volume_names[mount["SourceVolume"]], mount["ContainerPath"], options)]
    handled.add("MountPoints")
    if "Memory" in container:
        run += ["--memory", "%dm" % container["Memory"]]
    handled.add("Memory")
    if "MemoryReservation" in container:
        run += ["--memory-reservation", "%dm" % container["MemoryReservation"]]
    handled.add("MemoryReservation")
    for mapping in container.get("PortMappings", []):
        if mapping.get("Protocol", "tcp") != "tcp":
            raise Unmapped("%s: port mapping %r is not TCP" % (name, mapping))
        ports.append((mapping["ContainerPort"], free_port(), name))
    handled.add("PortMappings")
    meta["depends"] = " ".join("%s:%s" % (d["ContainerName"], d["Condition"]) for d in container.get("DependsOn", []))
    handled.add("DependsOn")
    check = container.get("HealthCheck")
    if check:
        timing = dict(ECS_HEALTH_DEFAULTS, **{k: v for k, v in check.items() if k != "Command"})
        run += ["--health-cmd", health_command(check["Command"]),
                "--health-interval", "%ds" % timing["Interval"], "--health-timeout", "%ds" % timing["Timeout"],
                "--health-retries", str(timing["Retries"]), "--health-start-period", "%ds" % timing["StartPeriod"]]
        meta.update(health="true", health_interval=str(timing["Interval"]), health_retries=str(timing["Retries"]),
                    health_timeout=str(timing["Timeout"]),
                    health_start_period=str(timing["StartPeriod"]))
    else:
        # ECS runs only the task definition's check, never the image's HEALTHCHECK.
        run += ["--no-healthcheck"]
    handled.add("HealthCheck")
    handled.add("StopTimeout")
    handled.add("Essential")
    if "EntryPoint" in container:
        run += ["--entrypoint", json.dumps(container["EntryPoint"])]
    handled.add("EntryPoint")
    run.append(args.image)
    run += container.get("Command", [])
    handled.add("Command")
    unknown = sorted(set(container) - handled)
    if unknown:
        raise Unmapped("%s: container definition fields %s are not mapped by task-definition-test" % (name, unknown))
    return run, meta


def dependency_order(containers):
    by_name = {c["Name"]: c for c in containers}
    order, visiting = [], set()

    def visit(name):
        if name in order:
            return
        if name in visiting or name not in by_name:
            raise Unmapped("dependsOn of %s: a cycle or an unknown container" % name)
        visiting.add(name)
        for dependency in by_name[name].get("DependsOn", []):
            visit(dependency["ContainerName"])
        order.append(name)

    for container in containers:
        visit(container["Name"])
    return [by_name[name] for name in order]


def task_volumes(task, resources, args, resolver):
    lines, names = [], {}
    for volume in task.get("Volumes", []):
        name = volume["Name"]
        podman_name = "%s-%s" % (args.prefix, name)
        names[name] = podman_name
        efs = volume.get("EFSVolumeConfiguration")
        if efs:
            access_point = efs.get("AuthorizationConfig", {}).get("AccessPointId", {})
            point = resources.get(access_point.get("Ref", ""), {}).get("Properties", {})
            creation = point.get("RootDirectory", {}).get("CreationInfo")
            if not creation:
                raise Unmapped("volume %s: EFS without an access point that creates its directory" % name)
            lines.append("%s efs %s %s %s" % (podman_name, creation["OwnerUid"], creation["OwnerGid"], creation["Permissions"]))
            resolver.note("volume %s: EFS (access point %s, posix user %s) -> podman volume %s, owner %s:%s mode %s as the "
                          "access point creates its root directory" % (
                              name, access_point.get("Ref"), "%s:%s" % (point.get("PosixUser", {}).get("Uid"), point.get("PosixUser", {}).get("Gid")),
                              podman_name, creation["OwnerUid"], creation["OwnerGid"], creation["Permissions"]))
        elif set(volume) - {"Name", "Host"} or volume.get("Host", {}).get("SourcePath"):
            raise Unmapped("volume %s: %s is not mapped by task-definition-test" % (name, json.dumps(volume)))
        else:
            # A Fargate bind mount without a host path: empty task storage shared by the task's containers.
            lines.append("%s scratch" % podman_name)
    return lines, names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("template")
    parser.add_argument("outdir")
    for option in ("--image", "--prefix", "--db-host", "--db-port", "--db-user", "--db-password", "--db-ca"):
        parser.add_argument(option, required=True)
    args = parser.parse_args()

    template = json.load(open(args.template))
    resources = template["Resources"]
    tasks = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::ECS::TaskDefinition"]
    if len(tasks) != 1:
        sys.exit("task-definition: expected one AWS::ECS::TaskDefinition in %s, found %d" % (args.template, len(tasks)))
    task = tasks[0]
    stack_name = os.path.basename(args.template).split(".template.json")[0]
    os.makedirs(args.outdir, exist_ok=True)

    ports = []
    # The API's URL is where the test calls the task: the host port of the first port mapping.
    first_port = free_port()
    resolver = Resolver(resources, stack_name, args, "http://127.0.0.1:%d" % first_port)
    try:
        volume_lines, volume_names = task_volumes(task, resources, args, resolver)
        containers = dependency_order(task["ContainerDefinitions"])
        names = []
        for container in containers:
            run, meta = container_args(container, resolver, args, volume_names, ports)
            names.append(container["Name"])
            with open(os.path.join(args.outdir, container["Name"] + ".args"), "wb") as out:
                out.write(b"\0".join(part.encode() for part in run) + b"\0")
            with open(os.path.join(args.outdir, container["Name"] + ".meta"), "w") as out:
                out.writelines("%s=%s\n" % (key, json.dumps(value)) for key, value in meta.items())
    except Unmapped as error:
        sys.exit("task-definition: %s" % error)
    if ports:
        ports[0] = (ports[0][0], first_port, ports[0][2])
    memory = sum(c.get("Memory", 0) for c in containers)
    if memory > int(task.get("Memory", memory)):
        sys.exit("task-definition: the containers' memory (%d MiB) exceeds the task's %s MiB" % (memory, task["Memory"]))
    resolver.container = None
    resolver.note("task: Cpu %s and Memory %s MiB are Fargate's; each container gets its own Memory limit here, and "
                  "no CPU limit (the machine is shared; bench/run --lean measures start-up at 0.25 vCPU)" % (
                      task.get("Cpu"), task.get("Memory")))
    resolver.note("task: NetworkMode %s -> one podman pod (one network namespace), ports published on 127.0.0.1 only"
                  % task.get("NetworkMode"))
    for path, lines in (("containers", names), ("volumes", volume_lines), ("notes", resolver.lines()),
                        ("ports", ["%d %d %s" % port for port in ports])):
        with open(os.path.join(args.outdir, path), "w") as out:
            out.writelines(line + "\n" for line in lines)


if __name__ == "__main__":
    main()
