"""Import the MIT AI Risk Mitigation Database (CSV) and its draft taxonomy (JSON) as a catalogue.

The catalogue lives in `<register>/catalogue/mitigations.yaml`, outside the `*.yaml` glob of
register files; register mitigations link to it through `Mitigation.catalogue_ids`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from pydantic import ValidationError

from riskreg.errors import InvalidInputError
from riskreg.models.catalogue import (
    CatalogueAction,
    CatalogueSource,
    MitigationCatalogue,
    TaxonomyCategory,
)
from riskreg.register.tabular import decode_utf8, file_sha256, find_header, read_csv
from riskreg.register.yamlio import Problem, dump_yaml, parse_yaml, prune, yaml_problem
from riskreg.yamlsafe.loader import YamlInputError

CATALOGUE_FILE = "catalogue/mitigations.yaml"
COLUMNS = ("Action ID", "Action Name", "Action Definition", "Action Source", "MitigationCode")
_CODE = re.compile(r"([0-9X]+\.[0-9X]+)\s+(\S.*)", re.S)
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def import_catalogue(csv_path: Path, taxonomy_path: Path | None = None) -> MitigationCatalogue:
    """Read the mitigation CSV (and taxonomy JSON); every action must be named and coded."""
    table = read_csv(csv_path)
    header, columns = find_header(csv_path, table.records, COLUMNS, search=1)
    actions = [
        _action(csv_path, number, row, columns)
        for number, row in enumerate(table.records[header + 1 :], start=header + 2)
        if any(cell.strip() for cell in row)
    ]
    _check_unique(csv_path, actions)
    taxonomy = _taxonomy(taxonomy_path) if taxonomy_path else []
    _check_codes(csv_path, actions, taxonomy)
    source = CatalogueSource(
        file=csv_path.name,
        sha256=table.sha256,
        snapshot_date=_date_in(csv_path.name),
        taxonomy_file=taxonomy_path.name if taxonomy_path else None,
        taxonomy_sha256=file_sha256(taxonomy_path) if taxonomy_path else None,
    )
    return MitigationCatalogue(source=source, taxonomy=taxonomy, actions=actions)


def _action(path: Path, number: int, row: list[str], columns: dict[str, int]) -> CatalogueAction:
    if len(row) <= max(columns.values()):
        raise InvalidInputError(f"{path}:{number}: record: {len(row)} fields, expected 5")
    cell = {name: row[index] for name, index in columns.items()}
    code = _CODE.fullmatch(cell["MitigationCode"].strip())
    if not cell["Action ID"].strip() or not cell["Action Name"].strip() or code is None:
        field = "MitigationCode" if code is None else "Action ID/Action Name"
        raise InvalidInputError(f"{path}:{number}: {field}: missing or not like '1.1 Name'")
    return CatalogueAction(
        id=cell["Action ID"].strip(),
        name=cell["Action Name"].strip(),
        definition=cell["Action Definition"] if cell["Action Definition"].strip() else None,
        source=cell["Action Source"].strip() or None,
        code=code.group(1),
        category=code.group(2).strip(),
    )


def _check_unique(path: Path, actions: list[CatalogueAction]) -> None:
    seen: set[str] = set()
    for action in actions:
        if action.id in seen:
            raise InvalidInputError(f"{path}: Action ID: {action.id!r} appears twice")
        seen.add(action.id)


def _taxonomy(path: Path) -> list[TaxonomyCategory]:
    try:
        data = json.loads(decode_utf8(path, path.read_bytes()))
        return [TaxonomyCategory.model_validate(item) for item in data["categories"]]
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{path}:{exc.lineno}: json: {exc.msg}") from None
    except (KeyError, TypeError):
        raise InvalidInputError(f"{path}: categories: missing or not a list") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidInputError(f"{path}: categories.{where}: {first['msg']}") from None


def _check_codes(
    path: Path, actions: list[CatalogueAction], taxonomy: list[TaxonomyCategory]
) -> None:
    """Codes must be in the taxonomy, except the `N.X` catch-alls the taxonomy leaves out."""
    if not taxonomy:
        return
    known = {sub.code for category in taxonomy for sub in category.subcategories}
    for action in actions:
        if action.code not in known and not (action.code or "").endswith(".X"):
            raise InvalidInputError(
                f"{path}: MitigationCode: {action.code!r} of {action.id!r} is not in the taxonomy"
            )


def _date_in(name: str) -> dt.date | None:
    match = _DATE.search(name)
    return dt.date.fromisoformat(match.group(1)) if match else None


def render_catalogue(catalogue: MitigationCatalogue) -> str:
    """The YAML text of the catalogue file."""
    return dump_yaml(prune(catalogue.model_dump(mode="json")))


def read_catalogue(path: Path) -> tuple[MitigationCatalogue | None, list[Problem]]:
    """Read the stored catalogue; a missing or invalid file is a problem, not an exception."""
    if not path.is_file():
        return None, [Problem(str(path), None, "catalogue", "missing (riskreg mitigations import)")]
    try:
        document = parse_yaml(decode_utf8(path, path.read_bytes()), str(path))
        return MitigationCatalogue.model_validate(document.data), []
    except YamlInputError as exc:
        return None, [yaml_problem(str(path), exc)]
    except InvalidInputError as exc:
        return None, [Problem(str(path), None, "catalogue", exc.message)]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        line = document.line_of(tuple(first["loc"]))
        return None, [Problem(str(path), line, where, first["msg"])]


def load_catalogue(folder: Path) -> MitigationCatalogue:
    """The stored catalogue of a register folder; missing or invalid raises InvalidInputError."""
    catalogue, problems = read_catalogue(folder / CATALOGUE_FILE)
    if catalogue is None:
        raise InvalidInputError(str(problems[0]))
    return catalogue


def select_actions(
    catalogue: MitigationCatalogue, code: str | None, text: str | None
) -> list[CatalogueAction]:
    """Actions whose code equals or starts with `code` (`1` or `1.2`) and that mention `text`."""
    wanted = text.casefold() if text else None
    return [
        action
        for action in catalogue.actions
        if (
            code is None
            or (action.code or "") == code
            or (action.code or "").startswith(f"{code}.")
        )
        and (wanted is None or wanted in f"{action.name} {action.definition or ''}".casefold())
    ]
