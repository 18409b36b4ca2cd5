"""Kustomizations built by the real `kustomize build`: documents traced to the file that declared
them (origin annotations, removed again), bases outside the folder, and offline failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.manifests.discover import discover
from riskreg.manifests.render import RenderOptions, render_folder
from riskreg.yamlsafe.limits import Limits

LIMITS = Limits()


def test_overlay_documents_name_the_file_that_declared_them(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    overlay = render_fixtures / "kustomize-overlay" / "overlays" / "prod"
    target = render_folder(overlay, overlay.as_posix(), LIMITS, tools)
    assert target.name == "render/kustomize-overlay/overlays/prod"
    placed = {
        (doc.kind, doc.contents["metadata"]["name"]): (doc.path, doc.line)
        for doc in target.documents
    }
    assert placed == {
        ("Service", "prod-chat"): ("render/kustomize-overlay/base/service.yaml", 2),
        ("ServiceAccount", "prod-chat"): ("render/kustomize-overlay/base/service.yaml", 10),
        ("Deployment", "prod-chat"): ("render/kustomize-overlay/base/deployment.yaml", 1),
        ("NetworkPolicy", "prod-deny-egress"): (
            "render/kustomize-overlay/overlays/prod/networkpolicy.yaml",
            1,
        ),
    }


def test_overlay_is_judged_as_built_patch_applied_and_no_origin_left(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    overlay = render_fixtures / "kustomize-overlay" / "overlays" / "prod"
    target = render_folder(overlay, overlay.as_posix(), LIMITS, tools)
    deployment = next(doc.contents for doc in target.documents if doc.kind == "Deployment")
    assert deployment["metadata"] == {"name": "prod-chat", "namespace": "chat-prod"}
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["securityContext"] == {"privileged": True}
    assert all("annotations" not in doc.contents["metadata"] for doc in target.documents)


def test_provenance_covers_the_overlay_and_the_base_files_it_used(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    overlay = render_fixtures / "kustomize-overlay" / "overlays" / "prod"
    files = render_folder(overlay, overlay.as_posix(), LIMITS, tools).files
    assert set(files) == {
        "render/kustomize-overlay/overlays/prod/kustomization.yaml",
        "render/kustomize-overlay/overlays/prod/networkpolicy.yaml",
        "render/kustomize-overlay/overlays/prod/patch-privileged.yaml",
        "render/kustomize-overlay/base/service.yaml",
        "render/kustomize-overlay/base/deployment.yaml",
    }


def test_the_users_files_are_not_changed(render_fixtures: Path, tools: RenderOptions) -> None:
    folder = render_fixtures / "kustomize-overlay"
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    render_folder(folder / "overlays" / "prod", "prod", LIMITS, tools)
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def test_remote_base_is_invalid_input_and_never_fetched(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    folder = render_fixtures / "kustomize-remote-base"
    with pytest.raises(InvalidInputError) as caught:
        render_folder(folder, folder.as_posix(), LIMITS, tools)
    message = caught.value.one_line()
    assert message.startswith("render/kustomize-remote-base: kustomize failed:")
    assert "github.com/kubernetes-sigs/kustomize" in message
    # Refused by riskreg's closed proxy and the missing git, not by a remote host.
    assert "127.0.0.1:9" in message


def test_exec_functions_stay_off(render_fixtures: Path, tools: RenderOptions) -> None:
    folder = (render_fixtures / "kustomize-exec").resolve()
    folder.mkdir()
    script = folder / "generate.sh"
    script.write_text(f"#!/bin/sh\n/usr/bin/touch {folder}/executed\n", encoding="utf-8")
    script.chmod(0o755)
    (folder / "kustomization.yaml").write_text("generators:\n- generator.yaml\n", encoding="utf-8")
    (folder / "generator.yaml").write_text(
        "apiVersion: example.com/v1\nkind: Pwn\nmetadata:\n  name: x\n  annotations:\n"
        f"    config.kubernetes.io/function: |\n      exec:\n        path: {script}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError, match="external plugins disabled"):
        render_folder(folder, "kustomize-exec", LIMITS, tools)
    assert not (folder / "executed").exists()


def test_discovery_yields_base_and_overlay_as_separate_targets(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    names = [t.name for t in discover([str(render_fixtures / "kustomize-overlay")], LIMITS, tools)]
    assert names == ["render/kustomize-overlay/base", "render/kustomize-overlay/overlays/prod"]
