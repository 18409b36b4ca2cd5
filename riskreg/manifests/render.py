"""Helm chart and kustomization folders as targets: which folders render, with which values, how."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from riskreg.errors import InvalidInputError, UsageError
from riskreg.manifests.kustomize import KUSTOMIZATION_FILES
from riskreg.manifests.validate import validate_documents
from riskreg.models.target import Target
from riskreg.yamlsafe.limits import Limits

Renderer = Literal["helm", "kustomize"]
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class ValuesChoice:
    """A values file for one chart folder, or for every chart when `chart` is None."""

    file: Path
    chart: Path | None = None

    def applies_to(self, chart: Path) -> bool:
        return self.chart is None or self.chart.resolve() == chart.resolve()


@dataclass(frozen=True)
class RenderOptions:
    """How charts and kustomizations are rendered: binaries (None: located), values, time limit.

    Values files from the command line replace those from the configuration for the charts they
    apply to; every chart's own values.yaml always comes first, as helm applies it.
    """

    helm: Path | None = None
    kustomize: Path | None = None
    values: tuple[ValuesChoice, ...] = ()
    config_values: tuple[ValuesChoice, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    memory: int | None = 1024**3  # RLIMIT_DATA of each helm / kustomize run

    def values_for(self, chart: Path) -> list[Path]:
        chosen = [choice.file for choice in self.values if choice.applies_to(chart)]
        if chosen:
            return chosen
        return [choice.file for choice in self.config_values if choice.applies_to(chart)]


def parse_values_option(specs: Iterable[str], base: Path | None = None) -> tuple[ValuesChoice, ...]:
    """`--values [CHART=]FILE` (repeatable): FILE for the chart folder CHART, or for every chart."""
    base = base or Path.cwd()
    choices = []
    for spec in specs:
        chart_text, _, file_text = spec.rpartition("=")
        file = base / file_text
        chart = base / chart_text if chart_text else None
        if not file.is_file():
            raise UsageError(f"--values {spec}: no such values file {file_text!r}")
        if chart is not None and not (chart / "Chart.yaml").is_file():
            raise UsageError(
                f"--values {spec}: {chart_text!r} is not a chart folder (no Chart.yaml)"
            )
        choices.append(ValuesChoice(file=file, chart=chart))
    return tuple(choices)


def values_from_config(table: Any, config_file: Path) -> tuple[ValuesChoice, ...]:
    """`helm_values = {"charts/api" = ["values-prod.yaml"], "*" = [...]}`: paths relative to the
    configuration file's folder, like every other path setting."""
    where = f"{config_file}: [tool.riskreg] helm_values"
    if not isinstance(table, dict):
        raise InvalidInputError(f"{where}: expected a table of chart folder = [values files]")
    base = config_file.parent
    choices = []
    for chart_text, files in table.items():
        if not isinstance(files, list) or not all(isinstance(file, str) for file in files):
            raise InvalidInputError(f"{where}.{chart_text}: expected a list of file names")
        chart = None if chart_text == "*" else base / chart_text
        for file_text in files:
            if not (base / file_text).is_file():
                raise InvalidInputError(f"{where}.{chart_text}: no such values file {file_text!r}")
            choices.append(ValuesChoice(file=base / file_text, chart=chart))
    return tuple(choices)


def renderer_for(folder: Path) -> Renderer | None:
    """`helm` for a chart folder, `kustomize` for a kustomization folder, else None."""
    chart = (folder / "Chart.yaml").is_file()
    kustomization = any((folder / name).is_file() for name in KUSTOMIZATION_FILES)
    if chart and kustomization:
        raise InvalidInputError(
            f"{folder}: holds both Chart.yaml and a kustomization; riskreg cannot tell which "
            "one describes the deployment",
            hint="move one of them into its own folder",
        )
    return "helm" if chart else "kustomize" if kustomization else None


def render_folder(folder: Path, where: str, limits: Limits, options: RenderOptions) -> Target:
    """The folder rendered into one target named after it; a rendering failure is exit 3."""
    from riskreg.manifests.sandbox import locate_tool

    renderer = renderer_for(folder)
    if not limits.follow_symlinks:
        _refuse_links_out(folder, where)
    if renderer == "helm":
        from riskreg.manifests.helm import render_chart

        values = options.values_for(folder)
        binary = locate_tool("helm", options.helm)
        documents = render_chart(
            folder, where, limits, binary, values, options.timeout, options.memory
        )
        files = _folder_files(folder) + [file for file in values if not _inside(file, folder)]
    elif renderer == "kustomize":
        from riskreg.manifests.kustomize import render_kustomization

        binary = locate_tool("kustomize", options.kustomize)
        documents, sources = render_kustomization(
            folder, where, limits, binary, options.timeout, options.memory
        )
        files = _folder_files(folder) + [file for file in sources if not _inside(file, folder)]
    else:
        raise InvalidInputError(f"{where}: neither a Helm chart nor a kustomization folder")
    return Target(
        name=where, documents=validate_documents(documents), files=_digests(files, folder, where)
    )


def _refuse_links_out(folder: Path, where: str) -> None:
    """helm reads through symlinks (a chart's `.Files.Get` could put any readable file into the
    rendered output and so into reports), so a link out of the folder is refused, as discovery
    refuses one out of the scanned folder."""
    for root, dirs, names in os.walk(folder):
        for name in [*dirs, *names]:
            entry = Path(root) / name
            if entry.is_symlink() and not _inside(entry, folder):
                shown = os.path.normpath(Path(where) / entry.relative_to(folder))
                raise InvalidInputError(
                    f"{shown}: symlink out of the {where} folder (or a loop)",
                    hint="follow_symlinks = true in [tool.riskreg] renders it anyway",
                )


def _folder_files(folder: Path) -> list[Path]:
    """Every file under the folder, without following links to folders (a link loop must not hang)."""
    found = []
    for root, _dirs, names in os.walk(folder):
        found += [Path(root) / name for name in names if (Path(root) / name).is_file()]
    return sorted(found)


def _inside(file: Path, folder: Path) -> bool:
    return file.resolve().is_relative_to(folder.resolve())


def _digests(files: list[Path], folder: Path, where: str) -> dict[str, str]:
    """sha256 per file, named like the target's documents (from the folder's own name)."""
    digests: dict[str, str] = {}
    for file in files:
        name = os.path.normpath(Path(where) / os.path.relpath(file.resolve(), folder.resolve()))
        digests[name] = hashlib.sha256(file.read_bytes()).hexdigest()
    return digests
