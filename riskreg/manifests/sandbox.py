"""Running helm and kustomize offline: located binary, clean environment, hard timeout, first error line."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from riskreg.bounds.child import MemoryBound
from riskreg.errors import EvaluationError, InvalidInputError, ToolMissingError

Explain = Callable[[str], tuple[str, str | None]]
PINNED = {"helm": "v3.22.0", "kustomize": "v5.8.2"}
# Every HTTP(S) request goes to this proxy, a closed loopback port, so a chart or base that would
# download something fails at once with the tool's own message instead of reaching the network.
_NO_NETWORK_PROXY = "http://127.0.0.1:9"


def install_hint(name: str) -> str:
    return f"run `make install` (builds the pinned {name} {PINNED[name]}), or set RISKREG_{name.upper()}"


def locate_tool(name: str, explicit: Path | None) -> Path:
    """The binary to run: explicit path, RISKREG_<NAME>, .tools/bin here or in the checkout, PATH."""
    from_env = os.environ.get(f"RISKREG_{name.upper()}")
    if explicit is not None or from_env:
        path = explicit if explicit is not None else Path(str(from_env))
        if path.is_file():
            return path
        raise ToolMissingError(f"{name} not found at {path}", hint=install_hint(name))
    checkout = Path(__file__).resolve().parents[2] / ".tools" / "bin" / name
    for path in (Path.cwd() / ".tools" / "bin" / name, checkout):
        if path.is_file():
            return path
    found = shutil.which(name)
    if found:
        return Path(found)
    raise ToolMissingError(f"{name} not found in ./.tools/bin or on PATH", hint=install_hint(name))


def clean_environment(home: Path) -> dict[str, str]:
    """Nothing from the user's environment: no kubeconfig, repositories, registries, plugins,
    credentials or proxies, and an empty PATH, so no git or plugin program can be started."""
    for folder in ("bin", "cache", "config", "data", "plugins", "tmp"):
        (home / folder).mkdir(exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": str(home / "bin"),
        "TMPDIR": str(home / "tmp"),
        "LC_ALL": "C",
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "HELM_CACHE_HOME": str(home / "cache"),
        "HELM_CONFIG_HOME": str(home / "config"),
        "HELM_DATA_HOME": str(home / "data"),
        "HELM_PLUGINS": str(home / "plugins"),
        "HELM_NO_PLUGINS": "1",
        "HELM_REPOSITORY_CONFIG": str(home / "config" / "repositories.yaml"),
        "HELM_REPOSITORY_CACHE": str(home / "cache" / "repository"),
        "HELM_REGISTRY_CONFIG": str(home / "config" / "registry.json"),
        "KUBECONFIG": str(home / "config" / "kubeconfig"),
        "KUSTOMIZE_PLUGIN_HOME": str(home / "plugins"),
        "NO_PROXY": "",
        "no_proxy": "",
    }
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[variable] = env[variable.lower()] = _NO_NETWORK_PROXY
    return env


def first_error_line(stderr: str) -> str:
    """The tool's own first error line (`Error: ...`), else its first line of output."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Error:"):
            return line.removeprefix("Error:").strip()
    return lines[0] if lines else "no error message"


def _as_is(line: str) -> tuple[str, str | None]:
    return line, None


def run_tool(
    argv: list[str],
    home: Path,
    timeout: float,
    where: str,
    explain: Explain = _as_is,
    memory: int | None = None,
) -> str:
    """The tool's stdout. A non-zero exit is invalid input naming `where`, with the tool's first
    error line as `explain` words it (the line, and a hint if one fits); reaching the time or
    memory bound is an evaluation error (exit 4) naming the bound and the setting that raises it."""
    name = Path(argv[0]).name
    bound = MemoryBound(memory, "render_memory")
    try:
        process = subprocess.Popen(
            argv,
            cwd=home,
            env=bound.environment(clean_environment(home)),
            preexec_fn=bound.preexec(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # so a timeout can stop the tool and anything it started
        )
    except OSError as exc:
        raise ToolMissingError(
            f"{argv[0]} could not be run: {exc}", hint=install_hint(name)
        ) from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise EvaluationError(
            f"{where}: {name} did not finish rendering within its time bound "
            f"(render_timeout = {timeout:g} s)",
            hint="raise render_timeout in [tool.riskreg] if the chart is that large",
        ) from None
    if bound.exceeded(process.returncode, stderr):
        raise EvaluationError(f"{where}: {bound.message(name)}")
    if process.returncode != 0:
        line, hint = explain(first_error_line(stderr))
        raise InvalidInputError(f"{where}: {name} failed: {line}", hint=hint)
    return stdout
