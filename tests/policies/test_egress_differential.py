"""Effective egress (policies/lib/network) against an independent oracle built on `ipaddress`.

Hypothesis generates sets of NetworkPolicies (random CIDRs and splits, IPv4 and IPv6, host bits,
except lists, port ranges, second policies, policies that do not select or do not restrict
egress) and a probe (protocol, port). The real opa evaluates every case of a batch in one call;
the oracle computes, with Python's set arithmetic on networks, how many public addresses of
each family the workload reaches on the probe, and whether its egress is unrestricted, open
(more than riskreg_params.network's bound on some protocol and port) or restricted.
"""

from __future__ import annotations

import ipaddress
import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.policies.opa_batches import batch_settings

REPO = Path(__file__).resolve().parents[2]
POLICIES = REPO / "policies"
PARAMS = yaml.safe_load((POLICIES / "params.yaml").read_text(encoding="utf-8"))["riskreg_params"][
    "network"
]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
EXCLUDED = [ipaddress.ip_network(c) for c in PARAMS["non_public_cidrs"] + PARAMS["trusted_cidrs"]]
WIDTH = {4: 32, 6: 128}
LIMIT = {4: 2 ** (32 - PARAMS["open_ipv4_prefix"]), 6: 2 ** (128 - PARAMS["open_ipv6_prefix"])}
PORTS = [53, 80, 443, 8080]
LABELS = {"app": "agent"}
DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "agent", "namespace": "agents"},
    "spec": {
        "template": {
            "metadata": {"labels": LABELS},
            "spec": {"containers": [{"name": "c", "image": "i"}]},
        }
    },
}

# One batch per opa call: every case is evaluated with `with input as` (in a module: a query's
# comprehension does not apply `with input` to what it iterates the same way).
BATCH = """package differential

rows := [[i, v.state, s4, s6] |
	some i, c in input.cases
	verdicts := data.riskreg.lib.network.verdicts with input as c.target
	some id, v in verdicts
	s4 := data.riskreg.lib.network.reach_size(id, c.protocol, c.port, 4) with input as c.target
	s6 := data.riskreg.lib.network.reach_size(id, c.protocol, c.port, 6) with input as c.target
]
"""


def opa() -> str:
    return os.environ.get("RISKREG_OPA") or str(REPO / ".tools" / "bin" / "opa")


# --- generators ---------------------------------------------------------------------------


@st.composite
def networks(draw: st.DrawFn) -> tuple[str, Network]:
    """A CIDR as Kubernetes may spell it (host bits allowed) and the network it means."""
    family = draw(st.sampled_from([4, 4, 6]))
    width = WIDTH[family]
    interesting = (
        [0, 1, 2, 8, 16, 23, 24, 24, 25, 26, 28, 30, 32]
        if family == 4
        else [0, 1, 16, 47, 48, 48, 49, 64, 128]
    )
    length = draw(st.sampled_from(interesting))
    bits = draw(st.integers(min_value=0, max_value=2**width - 1))
    if draw(st.booleans()):  # a private or documentation block now and then
        base = draw(st.sampled_from([n for n in EXCLUDED if n.version == family]))
        length = draw(
            st.integers(min_value=base.prefixlen, max_value=min(width, base.prefixlen + 8))
        )
        bits = int(base.network_address) | (bits & (2 ** (width - base.prefixlen) - 1))
    address = ipaddress.IPv6Address(bits) if family == 6 else ipaddress.IPv4Address(bits)
    text = f"{address}/{length}"
    return text, ipaddress.ip_network(text, strict=False)


@st.composite
def subnets_of(draw: st.DrawFn, network: Network) -> str:
    width = WIDTH[network.version]
    length = draw(
        st.integers(min_value=network.prefixlen, max_value=min(width, network.prefixlen + 12))
    )
    offset = draw(st.integers(min_value=0, max_value=2 ** (length - network.prefixlen) - 1))
    start = int(network.network_address) + offset * 2 ** (width - length)
    return f"{ipaddress.IPv6Address(start) if network.version == 6 else ipaddress.IPv4Address(start)}/{length}"


@st.composite
def peers(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["ip", "ip", "ip", "pods"]))
    if kind == "pods":
        return {"namespaceSelector": {}}
    text, network = draw(networks())
    excepts = draw(st.lists(subnets_of(network), max_size=3))
    return {"ipBlock": {"cidr": text, **({"except": excepts} if excepts else {})}}


@st.composite
def port_items(draw: st.DrawFn) -> dict[str, Any]:
    port = draw(st.sampled_from([*PORTS, 1, 1024]))
    item: dict[str, Any] = {"port": port}
    if draw(st.booleans()):
        item["protocol"] = draw(st.sampled_from(["TCP", "UDP", "SCTP"]))
    if draw(st.integers(0, 3)) == 0:
        item["endPort"] = draw(st.integers(min_value=port, max_value=65535))
    return item


@st.composite
def rules(draw: st.DrawFn) -> dict[str, Any]:
    rule: dict[str, Any] = {}
    if draw(st.integers(0, 4)) > 0:
        rule["to"] = draw(st.lists(peers(), min_size=1, max_size=3))
    if draw(st.booleans()):
        rule["ports"] = draw(st.lists(port_items(), min_size=1, max_size=2))
    return rule


@st.composite
def policies(draw: st.DrawFn, index: int) -> dict[str, Any]:
    selects = draw(st.sampled_from([True, True, True, True, False]))
    spec: dict[str, Any] = {"podSelector": {"matchLabels": LABELS if selects else {"app": "other"}}}
    types = draw(
        st.sampled_from(
            [["Egress"], ["Egress"], ["Egress"], ["Ingress", "Egress"], ["Ingress"], None]
        )
    )
    if types is not None:
        spec["policyTypes"] = types
    spec["egress"] = draw(st.lists(rules(), max_size=3))
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": f"p{index}", "namespace": "agents"},
        "spec": spec,
    }


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=1, max_value=3))
    documents = [DEPLOYMENT] + [draw(policies(i)) for i in range(count)]
    return {
        "target": {
            "riskreg": {"schema": 2, "now_ns": 0},
            "target": "t",
            "documents": [
                {"path": "t.yaml", "index": i, "contents": d} for i, d in enumerate(documents)
            ],
        },
        "protocol": draw(st.sampled_from(["TCP", "UDP"])),
        "port": draw(st.sampled_from([*PORTS, *PORTS, 2000, 65535])),
    }


# --- oracle -------------------------------------------------------------------------------


def minus(networks_: Iterable[Network], holes: Iterable[Network]) -> list[Network]:
    """Set difference by repeated address_exclude (a different algorithm from the Rego's)."""
    result = list(networks_)
    for hole in holes:
        kept: list[Network] = []
        for network in result:
            if network.version != hole.version or not network.overlaps(hole):
                kept.append(network)
            elif hole.subnet_of(network):  # type: ignore[arg-type]
                kept.extend(network.address_exclude(hole))  # type: ignore[arg-type]
        result = kept
    return result


def count(networks_: Iterable[Network], family: int) -> int:
    chosen = [n for n in networks_ if n.version == family]
    return sum(n.num_addresses for n in ipaddress.collapse_addresses(chosen))  # type: ignore[arg-type]


@dataclass
class Rule:
    ports: list[tuple[str, int, int]]
    public: list[Network]


def rule_of(raw: dict[str, Any]) -> Rule:
    ports = [(p, 1, 65535) for p in ("TCP", "UDP", "SCTP")]
    if raw.get("ports"):
        ports = [
            (item.get("protocol", "TCP"), item["port"], item.get("endPort", item["port"]))
            for item in raw["ports"]
        ]
    reached: list[Network] = []
    for peer in raw.get("to") or [
        {"ipBlock": {"cidr": "0.0.0.0/0"}},
        {"ipBlock": {"cidr": "::/0"}},
    ]:
        if "ipBlock" in peer:
            block = ipaddress.ip_network(peer["ipBlock"]["cidr"], strict=False)
            excepts = [
                ipaddress.ip_network(e, strict=False) for e in peer["ipBlock"].get("except", [])
            ]
            reached.extend(minus([block], excepts))
    return Rule(ports, minus(reached, EXCLUDED))


def oracle(case: dict[str, Any]) -> tuple[str, int, int]:
    documents = [d["contents"] for d in case["target"]["documents"][1:]]
    selecting = [d for d in documents if d["spec"]["podSelector"]["matchLabels"] == LABELS]
    restricting = [
        d
        for d in selecting
        if "Egress" in (d["spec"].get("policyTypes") or (["Egress"] if d["spec"]["egress"] else []))
    ]
    if not restricting:
        return "unrestricted", 0, 0
    allowed = [rule_of(raw) for d in restricting for raw in d["spec"]["egress"]]

    def reach(protocol: str, port: int) -> list[Network]:
        return [
            n
            for r in allowed
            if any(p == protocol and a <= port <= b for p, a, b in r.ports)
            for n in r.public
        ]

    probes = {(p, a) for r in allowed if r.public for p, a, _ in r.ports}
    is_open = any(count(reach(p, a), f) > LIMIT[f] for p, a in probes for f in (4, 6))
    here = reach(case["protocol"], case["port"])
    return ("open" if is_open else "restricted"), count(here, 4), count(here, 6)


# --- the test -----------------------------------------------------------------------------


def evaluate(batch: list[dict[str, Any]], tmp: Path) -> dict[int, tuple[str, int, int]]:
    data = tmp / "cases.json"
    data.write_text(json.dumps({"cases": batch}), encoding="utf-8")
    (tmp / "batch.rego").write_text(BATCH, encoding="utf-8")
    command = [
        opa(),
        "eval",
        "-f",
        "json",
        "-d",
        str(POLICIES / "lib"),
        "-d",
        str(POLICIES / "params.yaml"),
    ]
    command += [
        "-d",
        str(tmp / "batch.rego"),
        "--ignore",
        "*_test.rego",
        "-i",
        str(data),
        "data.differential.rows",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    rows = json.loads(done.stdout)["result"][0]["expressions"][0]["value"]
    return {i: (state, s4, s6) for i, state, s4, s6 in rows}


@batch_settings(max_examples=3)
@given(batch=st.lists(cases(), min_size=50, max_size=50))
def test_effective_egress_matches_ipaddress_oracle(
    batch: list[dict[str, Any]], tmp_path_factory: Any
) -> None:
    """150 generated policy sets (three batches of 50, one opa call each) agree with the oracle."""
    got = evaluate(batch, tmp_path_factory.mktemp("egress"))
    for i, case in enumerate(batch):
        state, v4, v6 = oracle(case)
        assert got[i][0] == state, (case, got[i], (state, v4, v6))
        if state != "unrestricted":
            assert got[i][1:] == (v4, v6), (case, got[i], (state, v4, v6))
