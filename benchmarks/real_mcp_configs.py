"""Write benchmarks/results/real-mcp-configs.md: riskreg's MCP verdicts on real files, reviewed.

Reads every file of ../shared/data/mcp-configs with `riskreg check -f json` (the findings, with
their lines) and asks OPA, per file, which MCP controls actually looked at something (`checked`;
the others are "not applicable"). REVIEW holds a reviewer's judgement of each file's findings,
written by reading the file, not riskreg's output: agree, partly, disagree, with a word why.
Usage: python benchmarks/real_mcp_configs.py [--check]   (--check: fail if the table is stale)
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "mcp-configs"
OUT = REPO / "benchmarks" / "results" / "real-mcp-configs.md"
OPA = REPO / ".tools" / "bin" / "opa"
NOW = "2026-06-01T00:00:00+00:00"
CONTROLS = [
    "pinned_versions", "inline_secrets", "remote_servers", "allowed_sources",
    "filesystem_scope", "command_sandbox", "tool_approval",
]  # fmt: skip
REVIEW: dict[str, tuple[str, str]] = {
    "0x7067__agent-bridge-mcp__.cursor__mcp.json": ("agree", "a local binary, nothing fetched; its state folder under ${env:HOME} is its own data, not a served root"),
    "Alzarak__Kali-Linux-MCP__claude_desktop_config.json": ("partly", "MCP-006 right (an offensive toolkit on the host network); MCP-001 on a locally built image is pedantic; MCP-004 right for an unreviewed image"),
    "Alzarak__Kali-Linux-MCP__mcp-config-production.json": ("agree", "--read-only and limits do not undo --network host; :latest of an unreviewed image"),
    "Ap6pack__mcp-security-suite__claude_desktop_config.example.json": ("agree", "pentest and red-team scripts run as plain python on the host; the key placeholders are rightly no secrets"),
    "Azure-Samples__remote-mcp-functions-python__.vscode__mcp.json": ("agree", "the host is whatever is typed at the prompt: undetermined is honest (allow *.azurewebsites.net to accept); localhost http is fine"),
    "Azure__azure-sdk-for-python__.vscode__mcp.json": ("agree", "uv runs scripts inside the workspace: nothing fetched, nothing to flag"),
    "ChromeDevTools__chrome-devtools-mcp__server.json": ("agree", "npm package pinned 1.7.0 on registry.npmjs.org"),
    "anthropics__claude-code-action__.mcp.json": ("partly", "sha-23fa0dd names a commit but is still a mutable tag; a digest is stricter, yet this is far from latest"),
    "anthropics__claude-plugins-official__external_plugins__github__.mcp.json": ("agree", "https to api.githubcopilot.com; the token is a ${...} reference"),
    "anthropics__claude-plugins-official__external_plugins__gitlab__.mcp.json": ("agree", "https to gitlab.com, OAuth, nothing inline"),
    "anthropics__claude-plugins-official__external_plugins__greptile__.mcp.json": ("agree", "https to an allowed host; key by reference"),
    "anthropics__claude-plugins-official__external_plugins__laravel-boost__.mcp.json": ("agree", "php artisan runs the project's own code"),
    "anthropics__claude-plugins-official__external_plugins__playwright__.mcp.json": ("agree", "@latest: whatever is published next drives the browser"),
    "anthropics__claude-plugins-official__external_plugins__terraform__.mcp.json": ("agree", "0.4.0 is a tag, not a digest; TFE_TOKEN passed by reference"),
    "awslabs__mcp__.claude__plugins__mcp-repo-review__.mcp.json": ("agree", "a local semgrep; nothing in the file to judge"),
    "awslabs__mcp__src__aurora-dsql-mcp-server__skills__dsql-skill__mcp__.mcp.json": ("agree", "uvx ...@latest; the AWS knowledge endpoint is https to a listed host"),
    "awslabs__mcp__src__ecs-mcp-server__server.json": ("partly", "pinned 1.1.1 is right, but the proxy's remote (https://ecs-mcp.{region}.api.aws) is a package argument MCP-003 does not see"),
    "containers__kubernetes-mcp-server__server.json": ("partly", "the OCI tag 0.0.0 is a release-time placeholder (the npm/pypi 0.0.0 pass); a tag is still mutable once released"),
    "docker__mcp-gateway__pkg__client__testdata__find-profiles__cursor-with-profile.json": ("agree", "the Docker MCP gateway runs its servers in containers"),
    "github__github-mcp-server__server.json": ("agree", "${VERSION} is filled at release, so not judged; remote https to api.githubcopilot.com"),
    "grafana__mcp-grafana__server.json": ("agree", "$VERSION not judged; https to mcp.grafana.com; isSecret declarations hold no secret"),
    "mcp-use__mcp-use__libraries__python__examples__airbnb_mcp.json": ("agree", "unpinned npx of an unreviewed third-party scraper (run with --ignore-robots-txt)"),
    "microsoft__azure-devops-mcp__mcp.json": ("agree", "a locally installed binary; the organisation comes from an input prompt"),
    "microsoft__azure-devops-mcp__server.json": ("agree", "npm 2.4.0 pinned; the remote host is fixed, only its path is a template"),
    "microsoft__mcp__.vscode__mcp.json": ("agree", "a developer's local debug build: nothing fetched (that it is committed at all is no control's question)"),
    "microsoft__mcp__servers__Azure.Mcp.Server__server.json": ("agree", "every name and version is a <<Placeholder>>: nothing to judge before release"),
    "microsoft__playwright-mcp__server.json": ("agree", "npm 0.0.79 pinned"),
    "microsoft__typespec__.vscode__mcp.json": ("agree", "a gh CLI extension run locally"),
    "microsoft__vscode-copilot-chat__.vscode__mcp.json": ("agree", "npm run in a sibling checkout; its cwd is where the server lives, not what it serves"),
    "modelcontextprotocol__registry__docs__reference__server-json__examples__valid__with-package.json": ("agree", "pinned 1.0.0; an isSecret declaration, no value"),
    "modelcontextprotocol__registry__docs__reference__server-json__examples__valid__with-remote.json": ("agree", "https://{host}/mcp connects wherever the user says: undetermined, not a pass"),
    "modelcontextprotocol__servers__.mcp.json": ("agree", "https to modelcontextprotocol.io"),
    "mongodb-js__mongodb-mcp-server__packages__mongodb-mcp-server__server.json": ("partly", "the OCI prerelease tag is mutable (right), but the same exact version on npm passes; 54 KB of isSecret declarations rightly no finding"),
    "oraios__serena__server.json": ("agree", "pypi 1.5.3 pinned; a publisher's own package is not judged against a client allowlist"),
    "stripe__agent-toolkit__providers__claude__plugin__.mcp.json": ("agree", "https to mcp.stripe.com, OAuth"),
    "supabase-community__supabase-mcp__packages__mcp-server-supabase__server.json": ("agree", "npm 0.7.0 pinned; https to mcp.supabase.com"),
    "upstash__context7__plugins__claude__context7__.mcp.json": ("agree", "the key comes from ${CONTEXT7_API_KEY:-}"),
}  # fmt: skip


def findings() -> dict[str, list[dict[str, Any]]]:
    """File name -> its failing MCP findings, from one real `riskreg check -f json`."""
    files = sorted(str(path) for path in DATA.glob("*.json"))
    done = subprocess.run(
        [sys.executable, "-m", "riskreg", "check", "--now", NOW, "-f", "json", *files],
        capture_output=True, text=True, cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode not in (0, 1):
        raise SystemExit(f"riskreg check failed ({done.returncode}): {done.stderr}")
    table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in json.loads(done.stdout)["findings"]:
        if finding["control_id"].startswith("MCP-") and finding["outcome"] == "fail":
            table[Path(finding["target"]).name].append(finding)
    return table


def checked(path: Path) -> dict[str, int]:
    """Control folder -> how many things it looked at in this file (0: not applicable)."""
    from riskreg.yamlsafe.jsonc import parse_jsonc
    from riskreg.yamlsafe.limits import Limits

    contents = parse_jsonc(path.read_text(encoding="utf-8"), path.name, Limits())
    document = {"path": path.name, "index": 0, "contents": contents, "format": "mcp"}
    query = "{c: count(data.riskreg.mcp[c].checked) | some c in " + json.dumps(CONTROLS) + "}"
    done = subprocess.run(
        [str(OPA), "eval", "-f", "json", "-I", "-d", str(REPO / "policies"),
         "-d", str(REPO / "policies" / "params.yaml"), "--ignore", "*.yaml", "--ignore", "*.json",
         "--ignore", "*_test.rego", query],
        input=json.dumps({"riskreg": {"schema": 2}, "target": path.name, "documents": [document]}),
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    value: dict[str, int] = json.loads(done.stdout)["result"][0]["expressions"][0]["value"]
    return value


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _finding(finding: dict[str, Any]) -> str:
    message = finding["message"].split(": ", 1)[1]
    return f"{finding['control_id']} l.{finding['line']}: {_cell(message)}"


def _applicable(counts: dict[str, int]) -> str:
    ids = {name: f"MCP-00{n}" for n, name in enumerate(CONTROLS, start=1)}
    return ", ".join(ids[name] for name in CONTROLS if counts.get(name, 0)) or "none"


def render(table: dict[str, list[dict[str, Any]]]) -> str:
    paths = sorted(DATA.glob("*.json"))
    reviewed = [path for path in paths if path.name in REVIEW]
    lines = [
        "# riskreg on real MCP configurations",
        "",
        f"`python benchmarks/real_mcp_configs.py` over the {len(paths)} files of",
        "`../shared/data/mcp-configs/` (sources and licences in its SOURCES.md), with the default",
        "`policies/params.yaml`. Every file is read without error. *Looked at*: the MCP controls",
        "whose `checked` is non-empty on the file (the others have nothing to judge there).",
        "The default `allowed_hosts` and `allowed_packages` name the vendors' official endpoints and",
        "packages, several seen in these files, so MCP-003/MCP-004 here test the mechanics more",
        "than an organisation's own list.",
        f"*Reviewer*: a judgement of the findings from reading the file ({len(reviewed)} files).",
        "",
        "| file | looked at | findings | reviewer | why |",
        "|---|---|---|---|---|",
    ]
    for path in paths:
        found = sorted(table.get(path.name, []), key=lambda f: (f["control_id"], f["line"] or 0))
        verdict, why = REVIEW.get(path.name, ("", ""))
        cells = "<br>".join(_finding(f) for f in found) or "none"
        lines.append(
            f"| `{path.name}` | {_applicable(checked(path))} | {cells} | {verdict} | {_cell(why)} |"
        )
    counts = defaultdict(int)
    for verdict, _ in REVIEW.values():
        counts[verdict] += 1
    lines += ["", "Reviewer verdicts: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = render(findings())
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUT} is stale: run python benchmarks/real_mcp_configs.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
