"""Looking a mitigation up by id: in the register first, then in the MIT mitigation catalogue.

Its own module because it needs both the register (`store`) and the catalogue, and `store`
already depends on the catalogue through `lint`: here neither has to import the other late.
"""

from __future__ import annotations

from pathlib import Path

from riskreg.register.catalogue import CATALOGUE_FILE, load_catalogue
from riskreg.register.store import load_register


def find_mitigation(folder: Path, mitigation_id: str) -> dict[str, object] | None:
    """A register mitigation (with its risk id) or a catalogue action, as a plain record."""
    register = load_register(folder)
    for risk_id in register.risk_ids_for_mitigation(mitigation_id):
        risk = register.risk(risk_id)
        for mitigation in risk.mitigations if risk else []:
            if mitigation.id == mitigation_id:
                return {"risk": risk_id, **mitigation.model_dump(mode="json")}
    if not (folder / CATALOGUE_FILE).is_file():
        return None
    action = load_catalogue(folder).action(mitigation_id)
    return action.model_dump(mode="json") if action else None
