"""The register, the control catalogue and a running engine, as every evaluating command gets them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.risk import Register
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.engines.interface import Engine


def load_register(settings: Settings) -> Register:
    """The register in the settings' folder, checked; any problem raises InvalidInputError."""
    from riskreg.register.store import load_register as load

    return load(settings.risks)


def load_catalog(settings: Settings) -> Catalog:
    """The controls as their METADATA describes them, read by the settings' opa."""
    from riskreg.policy.catalog import load_catalog as load
    from riskreg.policy.engines.binary import locate_opa

    return load(locate_opa(settings.opa_binary), settings.policies)


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

    params = load_params(settings.policies, settings.params, settings.limits)
    return {**register_data(register), PARAMS_ROOT: params}


@contextmanager
def open_engine(settings: Settings, register: Register) -> Iterator[tuple[Engine, Catalog]]:
    """The catalogue and a running engine: riskreg's own OPA server, or the servers at --opa-url."""
    from riskreg.policy.catalog import load_catalog as load
    from riskreg.policy.engines.binary import locate_opa
    from riskreg.policy.engines.opa_server import OpaServerEngine
    from riskreg.policy.engines.remote import RemoteOpaEngine, read_token
    from riskreg.policy.tools import require_no_dangling

    binary = locate_opa(settings.opa_binary)
    engine: Engine
    if settings.opa_urls:
        token = read_token(settings.opa_token_file)
        urls = list(settings.opa_urls)
        engine = RemoteOpaEngine(urls, token, settings.timeout, settings.opa_ca_bundle)
    else:
        # Not waiting for the server here lets it start while `opa inspect` reads the catalogue.
        from riskreg.bounds.child import MemoryBound

        data = policy_data(settings, register)
        memory = MemoryBound(settings.opa_memory, "--opa-memory (opa_memory)")
        engine = OpaServerEngine(
            binary, settings.policies, data, settings.timeout, wait=False, memory=memory
        )
    with engine:
        catalog = load(binary, settings.policies)
        # A control that claims a mitigation the register lacks breaks every coverage claim.
        require_no_dangling(catalog, register.mitigation_ids())
        yield engine, catalog
