"""The gatekeeper-library Pod Security samples as an independent oracle for riskreg's pod security.

Every `*disallowed*` sample of ../shared/data/k8s-gatekeeper-samples/pod-security-policy/ is
listed here with what riskreg must report (control and JSON Pointer of each offending field) or
why the Kubernetes Pod Security Standards' restricted profile allows it (excluded). The test
(test_gatekeeper_pss.py) runs the real engine on them; `python -m tests.policies.gatekeeper_pss`
rewrites the committed table tests/policies/gatekeeper_pss.md from a fresh run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "k8s-gatekeeper-samples"
FAMILIES = DATA / "pod-security-policy"
TABLE = Path(__file__).with_name("gatekeeper_pss.md")
NOW = "2026-06-01T00:00:00+00:00"


@dataclass(frozen=True)
class Flagged:
    """riskreg must fail `control` with a finding at each pointer; `why` is the standard's rule."""

    control: str
    pointers: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Excluded:
    """The restricted profile allows the sample (Gatekeeper flags it under its own parameters)."""

    why: str


_C0 = "/spec/containers/0/securityContext"
_PROBE = "host-probes-lifecycle/samples/psp-host-probes-lifecycle"
_HOST_PROBE_WHY = (
    "baseline Host Probes / Lifecycle Hooks (v1.34): the host field must be unset or empty"
)
_SECCOMP_V2 = "seccomp is Unconfined; restricted allows only RuntimeDefault or Localhost"

EXPECTED: dict[str, Flagged | Excluded] = {
    "allow-privilege-escalation/samples/psp-allow-privilege-escalation-container/example_disallowed.yaml": Flagged(
        "ISO-003",
        (f"{_C0}/allowPrivilegeEscalation",),
        "restricted Privilege Escalation: must be false",
    ),
    "apparmor/samples/psp-apparmor/example_disallowed.yaml": Flagged(
        "ISO-005",
        ("/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1nginx",),
        "baseline AppArmor: the annotation may only be runtime/default or localhost/*",
    ),
    "apparmor/samples/psp-apparmor/example_disallowed_no_profile.yaml": Flagged(
        "ISO-005",
        ("/spec/securityContext/appArmorProfile/type",),
        "baseline AppArmor: Unconfined is not RuntimeDefault or Localhost",
    ),
    "apparmor/samples/psp-apparmor/example_disallowed_override.yaml": Flagged(
        "ISO-005",
        (f"{_C0}/appArmorProfile/type",),
        "baseline AppArmor: the container overrides the pod's RuntimeDefault with Unconfined",
    ),
    "capabilities/samples/psp-capabilities-baseline/example_disallowed.yaml": Flagged(
        "ISO-003",
        (f"{_C0}/capabilities/add/0", f"{_C0}/capabilities/drop"),
        "SYS_ADMIN is outside even baseline's default set; restricted also requires drop ALL",
    ),
    "capabilities/samples/psp-capabilities-restricted/example_disallowed.yaml": Flagged(
        "ISO-003",
        (f"{_C0}/capabilities/add/0", f"{_C0}/capabilities/drop"),
        "restricted Capabilities: add only NET_BIND_SERVICE, drop ALL",
    ),
    "flexvolume-drivers/samples/psp-flexvolume-drivers/example_disallowed.yaml": Flagged(
        "ISO-006",
        ("/spec/volumes/0/flexVolume",),
        "restricted Volume Types: flexVolume is not allowed at all (whatever its driver)",
    ),
    "forbidden-sysctls/samples/psp-forbidden-sysctls/example_disallowed.yaml": Flagged(
        "ISO-005",
        ("/spec/securityContext/sysctls/0/name", "/spec/securityContext/sysctls/1/name"),
        "baseline Sysctls: kernel.msgmax and net.core.somaxconn are not in the safe set",
    ),
    "fsgroup/samples/psp-fsgroup/example_disallowed.yaml": Excluded(
        "fsGroup 2000 is non-root; the Pod Security Standards do not restrict fsGroup ranges"
        " (a PodSecurityPolicy-only concept)"
    ),
    "host-filesystem/samples/psp-host-filesystem/example_disallowed.yaml": Flagged(
        "ISO-002", ("/spec/volumes/0/hostPath",), "baseline HostPath Volumes: forbidden"
    ),
    "host-namespaces/samples/psp-host-namespace/example_disallowed.yaml": Flagged(
        "ISO-002",
        ("/spec/hostPID", "/spec/hostIPC"),
        "baseline Host Namespaces: must be unset or false",
    ),
    "host-network-ports/samples/port_range_block_host_network/"
    "example_disallowed_exempted_container_host_network_enabled.yaml": Flagged(
        "ISO-002",
        ("/spec/hostNetwork", "/spec/containers/0/ports/0/hostPort"),
        "baseline Host Namespaces and Host Ports (no exemption by image in the standard)",
    ),
    "host-network-ports/samples/port_range_block_host_network/"
    "example_disallowed_out_of_range_host_network_true.yaml": Flagged(
        "ISO-002",
        ("/spec/hostNetwork", "/spec/containers/0/ports/0/hostPort"),
        "baseline Host Namespaces and Host Ports",
    ),
    f"{_PROBE}/example_disallowed_lifecycle_poststart.yaml": Flagged(
        "ISO-002", ("/spec/containers/0/lifecycle/postStart/httpGet/host",), _HOST_PROBE_WHY
    ),
    f"{_PROBE}/example_disallowed_lifecycle_prestop.yaml": Flagged(
        "ISO-002", ("/spec/containers/0/lifecycle/preStop/httpGet/host",), _HOST_PROBE_WHY
    ),
    f"{_PROBE}/example_disallowed_liveness_probe.yaml": Flagged(
        "ISO-002", ("/spec/containers/0/livenessProbe/httpGet/host",), _HOST_PROBE_WHY
    ),
    f"{_PROBE}/example_disallowed_readiness_probe.yaml": Flagged(
        "ISO-002", ("/spec/containers/0/readinessProbe/httpGet/host",), _HOST_PROBE_WHY
    ),
    f"{_PROBE}/example_disallowed_startup_probe.yaml": Flagged(
        "ISO-002", ("/spec/containers/0/startupProbe/httpGet/host",), _HOST_PROBE_WHY
    ),
    f"{_PROBE}/example_disallowed_tcp_probe.yaml": Flagged(
        "ISO-002", ("/spec/containers/0/livenessProbe/tcpSocket/host",), _HOST_PROBE_WHY
    ),
    "host-process/samples/psp-host-process/example_disallowed_container_level.yaml": Flagged(
        "ISO-002",
        (f"{_C0}/windowsOptions/hostProcess",),
        "baseline HostProcess: must be unset or false",
    ),
    "host-process/samples/psp-host-process/example_disallowed_pod_level.yaml": Flagged(
        "ISO-002",
        ("/spec/securityContext/windowsOptions/hostProcess", "/spec/hostNetwork"),
        "baseline HostProcess and Host Namespaces",
    ),
    "privileged-containers/samples/psp-privileged-container/example_disallowed.yaml": Flagged(
        "ISO-002",
        (f"{_C0}/privileged", "/spec/initContainers/0/securityContext/privileged"),
        "baseline Privileged Containers, init containers included",
    ),
    "proc-mount/samples/psp-proc-mount/example_disallowed.yaml": Flagged(
        "ISO-005",
        (f"{_C0}/procMount",),
        "restricted /proc Mount Type: Unmasked is forbidden even with hostUsers: false",
    ),
    "read-only-root-filesystem/samples/psp-readonlyrootfilesystem/example_disallowed.yaml": Flagged(
        "ISO-003",
        (f"{_C0}/readOnlyRootFilesystem",),
        "not a Pod Security Standard; riskreg requires a read-only root (the workload must not rewrite itself)",
    ),
    "read-only-root-filesystem/samples/wildcard-prefix/example_disallowed_unsafe_prefix.yaml": Flagged(
        "ISO-003",
        (f"{_C0}/readOnlyRootFilesystem",),
        "not a Pod Security Standard; riskreg requires a read-only root (the workload must not rewrite itself)",
    ),
    "seccomp/samples/psp-seccomp/example_disallowed.yaml": Flagged(
        "ISO-005",
        ("/metadata/annotations/container.seccomp.security.alpha.kubernetes.io~1nginx",),
        "the deprecated annotation asks for an unconfined container (and no field sets a profile)",
    ),
    "seccomp/samples/psp-seccomp/example_disallowed2.yaml": Flagged(
        "ISO-005",
        ("/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod",),
        "the deprecated annotation asks for an unconfined pod (and no field sets a profile)",
    ),
    "seccomp/samples/psp-seccomp/example_disallowed_localhost.yaml": Excluded(
        "a Localhost seccomp profile is allowed by the restricted profile (Gatekeeper's constraint"
        " lists only runtime/default)"
    ),
    "seccompv2/samples/psp-seccomp-baseline/example_disallowed.yaml": Flagged(
        "ISO-005", (f"{_C0}/seccompProfile/type",), _SECCOMP_V2
    ),
    "seccompv2/samples/psp-seccomp-baseline/example_disallowed2.yaml": Flagged(
        "ISO-005", ("/spec/securityContext/seccompProfile/type",), _SECCOMP_V2
    ),
    "seccompv2/samples/psp-seccomp-restricted/example_disallowed.yaml": Flagged(
        "ISO-005", (f"{_C0}/seccompProfile/type",), _SECCOMP_V2
    ),
    "seccompv2/samples/psp-seccomp-restricted/example_disallowed2.yaml": Flagged(
        "ISO-005", ("/spec/securityContext/seccompProfile/type",), _SECCOMP_V2
    ),
    "selinux/samples/psp-selinux-v2/example_disallowed.yaml": Flagged(
        "ISO-005",
        (f"{_C0}/seLinuxOptions/type", f"{_C0}/seLinuxOptions/user", f"{_C0}/seLinuxOptions/role"),
        "baseline SELinux: a container type only, no custom user or role",
    ),
    "users/samples/psp-pods-allowed-user-ranges/example_disallowed.yaml": Flagged(
        "ISO-003",
        (f"{_C0}/runAsUser",),
        "restricted Running as Non-root user: 0 is forbidden (runAsGroup 0 is not restricted by the standard)",
    ),
    "volumes/samples/psp-volume-types/example_disallowed.yaml": Flagged(
        "ISO-006",
        ("/spec/volumes/0/hostPath",),
        "restricted Volume Types (ISO-002 reports the same hostPath as a host path)",
    ),
}


def disallowed_samples() -> list[str]:
    """Every `*disallowed*` sample of the Pod Security families, relative to FAMILIES."""
    return sorted(str(p.relative_to(FAMILIES)) for p in FAMILIES.rglob("*disallowed*.yaml"))


def run(samples: list[str]) -> dict[str, list[dict[str, str]]]:
    """riskreg check -f json on the samples, each file its own target: target -> failing findings."""
    files = [str(FAMILIES / sample) for sample in samples]
    done = subprocess.run(
        [sys.executable, "-m", "riskreg", "check", "--now", NOW, "-f", "json", *files],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr)
    failing: dict[str, list[dict[str, str]]] = {sample: [] for sample in samples}
    by_file = {str(FAMILIES / sample): sample for sample in samples}
    for finding in json.loads(done.stdout)["findings"]:
        sample = by_file.get(finding["target"])
        if sample is not None and finding["outcome"] == "fail":
            failing[sample].append(finding)
    return failing


def pointer(finding: dict[str, str]) -> str:
    """The finding's JSON Pointer (reports carry it as `pointer`, older ones as `path`)."""
    return finding.get("pointer") or finding["path"]


def reported(findings: list[dict[str, str]], control: str) -> set[str]:
    return {pointer(f) for f in findings if f["control_id"] == control}


def table(failing: dict[str, list[dict[str, str]]]) -> str:
    """The committed Markdown table: every disallowed sample, its verdict, control, fields, why."""
    lines = [
        "# Gatekeeper Pod Security samples against riskreg",
        "",
        "Generated by `python -m tests.policies.gatekeeper_pss` from a real `riskreg check` run over every",
        "`*disallowed*` sample of `../shared/data/k8s-gatekeeper-samples/pod-security-policy/`",
        "(gatekeeper-library, Apache-2.0; see its SOURCES.md). Anchor: the Kubernetes Pod Security",
        "Standards, restricted profile. A sample the restricted profile allows is excluded, with why.",
        "",
        "| sample | verdict | control | field (JSON Pointer) | why |",
        "|---|---|---|---|---|",
    ]
    flagged = excluded = 0
    for sample in sorted(failing):
        expected = EXPECTED.get(sample)
        if isinstance(expected, Excluded):
            excluded += 1
            lines.append(f"| `{sample}` | excluded | - | - | {expected.why} |")
            continue
        if expected is None:
            lines.append(f"| `{sample}` | MISSED | ? | - | not in the expectations |")
            continue
        found = reported(failing[sample], expected.control)
        missing = [p for p in expected.pointers if p not in found]
        flagged += not missing
        shown = "<br>".join(
            f"`{p}`" + (" (MISSED)" if p in missing else "") for p in expected.pointers
        )
        others = len(found - set(expected.pointers))
        why = expected.why + (
            f"; {others} more finding(s) of the control on fields the sample omits"
            if others
            else ""
        )
        verdict = "MISSED" if missing else "fail"
        lines.append(f"| `{sample}` | {verdict} | {expected.control} | {shown} | {why} |")
    total = len(failing)
    lines += [
        "",
        f"{flagged} of {total - excluded} non-excluded disallowed samples flagged at the offending field;"
        f" {excluded} excluded.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    TABLE.write_text(table(run(disallowed_samples())), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(REPO)}")
