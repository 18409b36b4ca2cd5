"""kustomize's error line, reduced to what the user's kustomization got wrong."""

from __future__ import annotations

from riskreg.manifests.kustomize import OFFLINE_HINT, PLUGIN_HINT, explain

WRAPPED = (
    "accumulating resources: accumulation err='accumulating resources from '../../x/overlay': "
    "'/x/overlay' must resolve to a file': recursed accumulation of path '/x/overlay': "
)


def test_the_wrappers_part_is_removed_and_the_offline_rule_named() -> None:
    line, hint = explain(
        WRAPPED + "accumulating resources from 'https://example.com/base': "
        'Get "https://example.com/base": proxyconnect tcp: dial tcp 127.0.0.1:9\''
    )
    assert line.startswith("accumulating resources from 'https://example.com/base'")
    assert hint == OFFLINE_HINT


def test_plugins_are_named_as_refused() -> None:
    line, hint = explain("loading generator plugins: external plugins disabled")
    assert hint == PLUGIN_HINT and line.startswith("loading generator plugins")


def test_other_errors_pass_through() -> None:
    assert explain("missing metadata.name in object {Deployment}") == (
        "missing metadata.name in object {Deployment}",
        None,
    )
