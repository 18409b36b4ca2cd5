"""The catalogue cache: keyed by the policies' digest, used only when that digest matches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from riskreg.policy import catalog_cache
from riskreg.policy.catalog_cache import cached_catalog, policies_digest
from riskreg.policy.engines.binary import OpaBinary

pytestmark = pytest.mark.opa


def _inspections(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every real `opa inspect` the cache falls back to."""
    calls: list[Path] = []
    real = catalog_cache.load_catalog

    def counting(binary: OpaBinary, policies: Path) -> catalog_cache.Catalog:
        calls.append(policies)
        return real(binary, policies)

    monkeypatch.setattr(catalog_cache, "load_catalog", counting)
    return calls


def test_second_load_comes_from_the_cache_and_equals_inspect(
    opa: OpaBinary, demo_policies: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _inspections(monkeypatch)
    cache = tmp_path / "cache"
    first = cached_catalog(opa, demo_policies, cache)
    second = cached_catalog(opa, demo_policies, cache)
    assert len(calls) == 1
    assert second == first and first.controls
    assert [p.name for p in cache.iterdir()] == [
        f"catalog-{policies_digest(demo_policies, opa.version)}.json"
    ]


def test_changed_policies_are_inspected_again(
    opa: OpaBinary, demo_policies: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _inspections(monkeypatch)
    cache = tmp_path / "cache"
    cached_catalog(opa, demo_policies, cache)
    rego = demo_policies / "demo" / "host_network" / "host_network.rego"
    rego.write_text(rego.read_text().replace("# title: ", "# title: changed ", 1))
    changed = cached_catalog(opa, demo_policies, cache)
    assert len(calls) == 2
    assert any(control.title.startswith("changed") for control in changed.controls)
    assert len(list(cache.iterdir())) == 1  # the stale entry is gone


def test_broken_policies_are_never_served_from_the_cache(
    opa: OpaBinary, demo_policies: Path, tmp_path: Path
) -> None:
    from riskreg.errors import InvalidInputError

    cache = tmp_path / "cache"
    cached_catalog(opa, demo_policies, cache)
    (demo_policies / "broken.rego").write_text("package riskreg.broken\n\ndeny contains x if {\n")
    with pytest.raises(InvalidInputError, match="do not compile"):
        cached_catalog(opa, demo_policies, cache)


@pytest.mark.parametrize("tamper", ["digest", "controls", "garbage"])
def test_an_entry_that_does_not_match_is_ignored(
    opa: OpaBinary,
    demo_policies: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tamper: str,
) -> None:
    cache = tmp_path / "cache"
    expected = cached_catalog(opa, demo_policies, cache)
    entry = next(cache.iterdir())
    stored = json.loads(entry.read_text())
    if tamper == "digest":
        stored["digest"] = "0" * 64
    elif tamper == "controls":
        stored["controls"][0]["id"] = "not an id"
    entry.write_text("{" if tamper == "garbage" else json.dumps(stored))
    calls = _inspections(monkeypatch)
    assert cached_catalog(opa, demo_policies, cache) == expected
    assert len(calls) == 1


def test_the_digest_covers_names_and_bytes_of_every_file(demo_policies: Path) -> None:
    before = policies_digest(demo_policies, "1.22.2")
    assert policies_digest(demo_policies, "1.22.3") != before
    sample = next(p for p in demo_policies.rglob("*") if p.is_file())
    shutil.copy(sample, sample.with_name("extra-" + sample.name))
    assert policies_digest(demo_policies, "1.22.2") != before


def test_an_unwritable_cache_is_no_error(
    opa: OpaBinary, demo_policies: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert cached_catalog(opa, demo_policies, blocked / "cache").controls
