#!/usr/bin/python3
"""Reads deploy/kubernetes/daemonset.yaml for the deploy tests.

  daemonset.py check FILE
      Checks what no Kubernetes API server is here to check: the document
      parses, every key is one the Kubernetes API defines at that place (a
      misspelt field would be silently dropped by `kubectl apply`), the
      selector matches the pod labels, every mount names a volume, and the
      node is mounted read-only except the reports directory.  Prints one
      line per problem, "FILE: path: problem"; exits 1 if there is any.

  daemonset.py compose-matches FILE COMPOSE-FILE
      Checks that the Compose service gives its container what the DaemonSet
      gives its pod (host mounts, capabilities, PID namespace, read-only
      root); prints the differences, exits 1 if there is any.

  daemonset.py docker-run FILE "DOCKER-COMMAND" IMAGE [--map=HOST=NEW]...
                           [--without-cap=CAP]... [RUN-ARG]...
      Starts (docker run -d) a container with what the DaemonSet gives its
      pod: the host PID namespace, the
      capabilities, a read-only root filesystem, each hostPath volume as a
      bind mount at its mountPath (read-only where the mount is), each
      emptyDir as a tmpfs, the environment (spec.nodeName from `hostname`).
      A hostPath whose path does not exist on this host is left out and
      named on standard error (docker would create it).  --map=HOST=NEW
      replaces a volume's host path (the test's engine keeps its socket and
      data elsewhere); --without-cap=CAP leaves out one added capability;
      other RUN-ARGs go to `docker run` before the image.
"""
import os
import socket
import sys

import yaml

# The fields of the Kubernetes API objects this manifest uses (apps/v1
# DaemonSet, core/v1 PodSpec, Container, Volume...), as the API reference
# names them.  Not every field of the API: a manifest that adds one must add
# it here, which is the point (no typo passes).
KNOWN = {
    "": {"apiVersion", "kind", "metadata", "spec"},
    "metadata": {"name", "namespace", "labels", "annotations"},
    "spec": {"selector", "updateStrategy", "template", "minReadySeconds",
             "revisionHistoryLimit"},
    "spec.selector": {"matchLabels", "matchExpressions"},
    "spec.updateStrategy": {"type", "rollingUpdate"},
    "spec.template": {"metadata", "spec"},
    "spec.template.metadata": {"labels", "annotations"},
    "spec.template.spec": {
        "hostPID", "hostNetwork", "hostIPC", "automountServiceAccountToken",
        "enableServiceLinks", "tolerations", "containers", "volumes", "nodeSelector",
        "serviceAccountName", "priorityClassName", "securityContext",
        "terminationGracePeriodSeconds"},
    "spec.template.spec.tolerations[]": {"key", "operator", "value", "effect",
                                         "tolerationSeconds"},
    "spec.template.spec.containers[]": {
        "name", "image", "imagePullPolicy", "command", "args", "env", "securityContext",
        "resources", "volumeMounts", "workingDir"},
    "spec.template.spec.containers[].env[]": {"name", "value", "valueFrom"},
    "spec.template.spec.containers[].env[].valueFrom": {"fieldRef"},
    "spec.template.spec.containers[].env[].valueFrom.fieldRef": {"fieldPath", "apiVersion"},
    "spec.template.spec.containers[].securityContext": {
        "runAsUser", "runAsGroup", "runAsNonRoot", "privileged", "allowPrivilegeEscalation",
        "readOnlyRootFilesystem", "capabilities", "seccompProfile", "appArmorProfile"},
    "spec.template.spec.containers[].securityContext.capabilities": {"add", "drop"},
    "spec.template.spec.containers[].securityContext.seccompProfile": {"type",
                                                                       "localhostProfile"},
    "spec.template.spec.containers[].resources": {"requests", "limits"},
    "spec.template.spec.containers[].volumeMounts[]": {"name", "mountPath", "readOnly",
                                                       "subPath", "mountPropagation"},
    "spec.template.spec.volumes[]": {"name", "hostPath", "emptyDir"},
    "spec.template.spec.volumes[].hostPath": {"path", "type"},
    "spec.template.spec.volumes[].emptyDir": {"medium", "sizeLimit"},
}
# Maps whose keys are the user's (labels, resource names).
FREE = {"metadata.labels", "metadata.annotations", "spec.selector.matchLabels",
        "spec.template.metadata.labels", "spec.template.metadata.annotations",
        "spec.template.spec.nodeSelector", "spec.template.spec.containers[].resources.requests",
        "spec.template.spec.containers[].resources.limits"}
HOSTPATH_TYPES = {"", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket",
                  "CharDevice", "BlockDevice"}
# The Linux capability names Kubernetes passes to the runtime (without CAP_).
CAPS = {"AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF",
        "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER",
        "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN",
        "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW",
        "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYSLOG", "SYS_ADMIN", "SYS_BOOT",
        "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM", "ALL"}
# Where a pod may write on the node: the reports, nothing else.
WRITABLE_HOST_PATHS = {"/var/lib/dockaudit"}


def walk(node, where, problems):
    """Every mapping key must be one KNOWN lists for its place."""
    if isinstance(node, dict):
        if where in FREE:
            return
        known = KNOWN.get(where)
        for key, value in node.items():
            if known is not None and key not in known:
                problems.append(f"{where or '(top)'}: unknown field '{key}'")
                continue
            walk(value, f"{where}.{key}" if where else key, problems)
    elif isinstance(node, list):
        for item in node:
            walk(item, where + "[]", problems)


def load(path):
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    if len(docs) != 1:
        raise ValueError(f"expected one document, found {len(docs)}")
    return docs[0]


def check(path):
    problems = []
    try:
        ds = load(path)
    except (OSError, ValueError, yaml.YAMLError) as e:
        print(f"{path}: {e}")
        return 1
    walk(ds, "", problems)
    if ds.get("apiVersion") != "apps/v1" or ds.get("kind") != "DaemonSet":
        problems.append("not an apps/v1 DaemonSet")
    spec = ds.get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    labels = spec.get("template", {}).get("metadata", {}).get("labels", {})
    for k, v in spec.get("selector", {}).get("matchLabels", {}).items():
        if labels.get(k) != v:
            problems.append(f"spec.selector: label {k}={v} is not on the pod template")
    if pod.get("hostPID") is not True:
        problems.append("spec.template.spec.hostPID: must be true (the node's processes)")
    volumes = {}
    for v in pod.get("volumes", []):
        if v.get("name") in volumes:
            problems.append(f"volumes: '{v.get('name')}' twice")
        volumes[v.get("name")] = v
        hp = v.get("hostPath")
        if hp is not None:
            if not str(hp.get("path", "")).startswith("/"):
                problems.append(f"volumes.{v.get('name')}: hostPath.path must be absolute")
            if hp.get("type", "") not in HOSTPATH_TYPES:
                problems.append(f"volumes.{v.get('name')}: hostPath.type '{hp.get('type')}'")
    containers = pod.get("containers", [])
    if not containers:
        problems.append("no containers")
    used = set()
    for c in containers:
        name = c.get("name", "?")
        if not c.get("image"):
            problems.append(f"containers.{name}: no image")
        sc = c.get("securityContext", {})
        if sc.get("privileged"):
            problems.append(f"containers.{name}: privileged")
        for key in ("add", "drop"):
            for cap in sc.get("capabilities", {}).get(key, []):
                if cap not in CAPS:
                    problems.append(f"containers.{name}: unknown capability '{cap}'")
        paths = set()
        for m in c.get("volumeMounts", []):
            vol = volumes.get(m.get("name"))
            used.add(m.get("name"))
            if vol is None:
                problems.append(f"containers.{name}: mount '{m.get('name')}' names no volume")
                continue
            if m.get("mountPath") in paths:
                problems.append(f"containers.{name}: two mounts at {m.get('mountPath')}")
            paths.add(m.get("mountPath"))
            hp = vol.get("hostPath")
            if hp and hp.get("path") not in WRITABLE_HOST_PATHS and m.get("readOnly") is not True:
                problems.append(f"containers.{name}: host path {hp.get('path')} is mounted writable")
            if hp and hp.get("path") in WRITABLE_HOST_PATHS and m.get("readOnly"):
                problems.append(f"containers.{name}: the reports directory is read-only")
        for e in c.get("env", []):
            if ("value" in e) == ("valueFrom" in e):
                problems.append(f"containers.{name}: env {e.get('name')}: one of value, valueFrom")
    for n in volumes:
        if n not in used:
            problems.append(f"volumes.{n}: not mounted")
    for p in problems:
        print(f"{path}: {p}")
    return 1 if problems else 0


def docker_run(path, docker, image, maps, without, extra):
    """Runs `DOCKER run -d` with the pod's settings (see the module's help)."""
    replace = dict(m.split("=", 1) for m in maps)
    ds = load(path)
    pod = ds["spec"]["template"]["spec"]
    c = pod["containers"][0]
    out = ["run", "-d"]
    if pod.get("hostPID"):
        out.append("--pid=host")
    if pod.get("hostNetwork"):
        out.append("--network=host")
    sc = c.get("securityContext", {})
    for cap in sc.get("capabilities", {}).get("drop", []):
        out.append(f"--cap-drop={cap}")
    for cap in sc.get("capabilities", {}).get("add", []):
        if cap not in without:
            out.append(f"--cap-add={cap}")
    if sc.get("readOnlyRootFilesystem"):
        out.append("--read-only")
    if sc.get("allowPrivilegeEscalation") is False:
        out.append("--security-opt=no-new-privileges")
    if "runAsUser" in sc:
        out.append(f"--user={sc['runAsUser']}")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for m in c.get("volumeMounts", []):
        vol = volumes[m["name"]]
        if "emptyDir" in vol:
            out.append(f"--tmpfs={m['mountPath']}")
            continue
        src = vol["hostPath"]["path"]
        src = replace.get(src, src)
        if not os.path.lexists(src):
            print(f"not on this host, left out: {src}", file=sys.stderr)
            continue
        ro = ",readonly" if m.get("readOnly") else ""
        out.append(f"--mount=type=bind,source={src},target={m['mountPath']}{ro}")
    for e in c.get("env", []):
        if "value" in e:
            out.append(f"--env={e['name']}={e['value']}")
        elif e["valueFrom"].get("fieldRef", {}).get("fieldPath") == "spec.nodeName":
            out.append(f"--env={e['name']}={socket.gethostname()}")
    out.extend(extra)
    if c.get("command"):
        out.append(f"--entrypoint={c['command'][0]}")
    out.append(image)
    out.extend(c.get("command", [])[1:])
    out.extend(c.get("args", []))
    argv = docker.split() + out
    print(" ".join(a if "\n" not in a else "'<script>'" for a in argv), file=sys.stderr)
    os.execvp(argv[0], argv)


def compose_matches(ds_path, compose_path):
    """The Compose service gives the container what the DaemonSet gives the
    pod: the same host mounts (read-only alike), capabilities, PID
    namespace, read-only root.  Prints the differences; 1 if any."""
    ds = load(ds_path)
    with open(compose_path, encoding="utf-8") as f:
        svc = next(iter(yaml.safe_load(f)["services"].values()))
    pod = ds["spec"]["template"]["spec"]
    c = pod["containers"][0]
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    want = set()
    for m in c.get("volumeMounts", []):
        hp = volumes[m["name"]].get("hostPath")
        if hp:
            want.add((hp["path"], m["mountPath"], bool(m.get("readOnly"))))
    got = set()
    for v in svc.get("volumes", []):
        parts = v.split(":")
        got.add((parts[0], parts[1], len(parts) > 2 and "ro" in parts[2].split(",")))
    problems = [f"mount only in the DaemonSet: {w}" for w in sorted(want - got)]
    problems += [f"mount only in Compose: {g}" for g in sorted(got - want)]
    sc = c.get("securityContext", {})
    caps = sc.get("capabilities", {})
    if sorted(caps.get("add", [])) != sorted(svc.get("cap_add", [])):
        problems.append(f"cap_add {svc.get('cap_add')} != {caps.get('add')}")
    if sorted(caps.get("drop", [])) != sorted(svc.get("cap_drop", [])):
        problems.append(f"cap_drop {svc.get('cap_drop')} != {caps.get('drop')}")
    if (svc.get("pid") == "host") != bool(pod.get("hostPID")):
        problems.append("pid: host differs from hostPID")
    if bool(svc.get("read_only")) != bool(sc.get("readOnlyRootFilesystem")):
        problems.append("read_only differs from readOnlyRootFilesystem")
    if (sc.get("allowPrivilegeEscalation") is False) != any(
            o.replace(" ", "") in ("no-new-privileges:true", "no-new-privileges")
            for o in svc.get("security_opt", [])):
        problems.append("no-new-privileges differs from allowPrivilegeEscalation")
    for p in problems:
        print(f"{compose_path}: {p}")
    return 1 if problems else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "check":
        return check(argv[2])
    if len(argv) == 4 and argv[1] == "compose-matches":
        return compose_matches(argv[2], argv[3])
    if len(argv) >= 5 and argv[1] == "docker-run":
        rest = argv[5:]
        maps = [a[len("--map="):] for a in rest if a.startswith("--map=")]
        without = [a[len("--without-cap="):] for a in rest if a.startswith("--without-cap=")]
        extra = [a for a in rest if not a.startswith(("--map=", "--without-cap="))]
        return docker_run(argv[2], argv[3], argv[4], maps, without, extra)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
