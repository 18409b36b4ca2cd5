"""The register, the control catalogue and a running engine, as every evaluating command gets them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from riskreg.config import Settings
    from riskreg.models.risk import Register
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.engines.binary import OpaBinary
    from riskreg.policy.engines.interface import Engine


def load_register(settings: Settings) -> Register:
    """The built-in register with the project's folder laid over it (riskreg.register.layers),
    each checked; any problem raises InvalidInputError."""
    from riskreg.register.layers import overlay
    from riskreg.register.store import load_register as load
    from riskreg.run.packs import register_folders

    registers = [load(folder) for folder in register_folders(settings)]
    register = registers[0]
    for project in registers[1:]:
        register = overlay(register, project)
    return register


def load_catalog(settings: Settings) -> Catalog:
    """The controls of every policy root as their METADATA describes them, read by the
    settings' opa (or from the cache of what it read for the very same policies); a project
    control that collides with a built-in one is invalid input."""
    from riskreg.policy.catalog_cache import cached_catalog
    from riskreg.policy.engines.binary import locate_opa
    from riskreg.run.packs import policy_roots

    return cached_catalog(
        locate_opa(settings.opa_binary), policy_roots(settings), cache_folder(settings)
    )


def cache_folder(settings: Settings) -> Path:
    """Where derived, digest-keyed data lives: `cache/` beside the run history (.riskreg/)."""
    return settings.history.parent / "cache"


def risks_by_mitigation(register: Register) -> dict[str, list[str]]:
    """Mitigation id -> the ids of the risks it mitigates."""
    return {mid: register.risk_ids_for_mitigation(mid) for mid in register.mitigation_ids()}


def register_data(register: Register) -> dict[str, Any]:
    """The register as OPA data, so controls and bundle users can name the risks they guard."""
    return {
        "riskreg_register": {
            "version": register.version,
            "risks": {
                risk.id: {"title": risk.title, "mitigations": [m.id for m in risk.mitigations]}
                for risk in register.risks
            },
        }
    }


def policy_data(settings: Settings, register: Register) -> dict[str, Any]:
    """What OPA holds besides the policies: the register and the controls' parameters
    (policies/params.yaml merged with the team's override)."""
    from riskreg.policy.params import PARAMS_ROOT, load_params
    from riskreg.run.packs import policy_roots

    roots = [root.path for root in policy_roots(settings)]
    params = load_params(roots, settings.params, settings.limits)
    return {**register_data(register), PARAMS_ROOT: params}


@contextmanager
def start_engine(
    settings: Settings, binary: OpaBinary | None = None, warm: Engine | None = None
) -> Iterator[tuple[Engine, OpaBinary]]:
    """The engine, started before anything else is read: riskreg's own OPA server on the
    policies alone (it compiles them while the register, parameters and targets are read; its
    data follows in `prepare_engine`), the servers at --opa-url, or `warm`, a running `riskreg
    serve` whose policies and data riskreg.run.warm matched to these settings. Closed on leaving."""
    from riskreg.policy.engines.binary import locate_opa
    from riskreg.run.packs import policy_roots

    binary = binary or locate_opa(settings.opa_binary)
    roots = policy_roots(settings)
    engine: Engine
    if warm is not None:
        engine = warm
    elif settings.opa_urls:
        from riskreg.policy.engines.remote import RemoteOpaEngine, read_token

        token = read_token(settings.opa_token_file)
        urls = list(settings.opa_urls)
        engine = RemoteOpaEngine(urls, token, settings.timeout, settings.opa_ca_bundle)
    else:
        from riskreg.bounds.child import MemoryBound
        from riskreg.policy.engines.opa_server import OpaServerEngine

        memory = MemoryBound(settings.opa_memory, "--opa-memory (opa_memory)")
        folders = [root.path for root in roots]
        engine = OpaServerEngine(binary, folders, {}, settings.timeout, wait=False, memory=memory)
    with engine:
        yield engine, binary


def prepare_engine(
    settings: Settings,
    engine: Engine,
    binary: OpaBinary,
    register: Register,
    catalog_key: str | None = None,
) -> Catalog:
    """Give riskreg's own server the register and parameters, and read the catalogue (from the
    digest-keyed cache when the policies are unchanged) while it starts. `catalog_key`: the
    policies' digest when this run has computed it already (riskreg.run.warm)."""
    from riskreg.policy.catalog_cache import cached_catalog
    from riskreg.policy.engines.opa_server import OpaServerEngine
    from riskreg.policy.tools import require_no_dangling
    from riskreg.run.packs import policy_roots

    if isinstance(engine, OpaServerEngine):
        engine.load_data(policy_data(settings, register))
    catalog = cached_catalog(binary, policy_roots(settings), cache_folder(settings), catalog_key)
    # A control that claims a mitigation the register lacks breaks every coverage claim.
    require_no_dangling(catalog, register.mitigation_ids())
    return catalog
