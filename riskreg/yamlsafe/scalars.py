"""Plain YAML scalars read as kubectl reads them (go-yaml v2, YAML 1.1), not as PyYAML does.

kubectl and the API server parse manifests with sigs.k8s.io/yaml, which uses go-yaml v2. Where
PyYAML's YAML 1.1 resolution differs from it, a control could pass a manifest that the cluster
reads differently, so riskreg follows go-yaml v2:

- `y`, `Y`, `n`, `N` are booleans too (PyYAML: strings); `yes/no/on/off/true/false` agree.
- `1:20` is a string (PyYAML: the base-60 integer 80); `0777` is the octal 511 in both; `0o17`
  is 15 (PyYAML: a string).
- `1e3` and `1.5e3` are floats (PyYAML wants a dot and a signed exponent, else a string).
- `=` is a string (PyYAML: a `value` tag that its safe constructor cannot build).
- `.inf` and `.nan` are refused: JSON (and so OPA, and kubectl) cannot carry them.
- Dates and times stay strings (go-yaml v2 keeps them strings when decoding into untyped JSON).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
REPLACED = frozenset({BOOL, INT, FLOAT, "tag:yaml.org,2002:value"})

_TRUE = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_FALSE = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}
_BOOL = re.compile("^(?:" + "|".join(sorted(_TRUE | _FALSE)) + ")$")
_INT = re.compile(
    r"^(?:[-+]?0b[01_]+|[-+]?0o[0-7_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"
)
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DIGITS = list("-+0123456789")


def implicit_resolvers(base: type[yaml.resolver.BaseResolver]) -> dict[Any, list[tuple[str, Any]]]:
    """`base`'s implicit resolvers without the ones riskreg replaces (to add go-yaml's after)."""
    return {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in REPLACED]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }


def construct_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    return str(loader.construct_scalar(node)) in _TRUE


def construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """Decimal, 0x, 0b, 0o and YAML 1.1 octal (`0777`), with `_` separators, like Go's ParseInt."""
    text = str(loader.construct_scalar(node)).replace("_", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    base = 0 if digits[:2] in {"0b", "0o", "0x"} else 8 if digits[:1] == "0" else 10
    try:
        return sign * int(digits, base)
    except ValueError as exc:  # e.g. more digits than Python converts (sys.set_int_max_str_digits)
        raise yaml.constructor.ConstructorError(
            None, None, f"not a usable integer: {exc}", node.start_mark
        ) from None


def construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    try:
        value = float(loader.construct_yaml_float(node))
    except (ValueError, IndexError):  # an explicit `!!float` on text that is no number
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a float", node.start_mark
        ) from None
    if not math.isfinite(value):
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value} is not a number JSON can carry", node.start_mark
        )
    return value


def install(loader: type[yaml.SafeLoader]) -> None:
    """Give `loader` go-yaml v2's plain-scalar resolution (its class must own a resolver copy)."""
    loader.add_implicit_resolver(BOOL, _BOOL, list("yYnNtTfFoO"))
    loader.add_implicit_resolver(INT, _INT, _DIGITS)  # before FLOAT: "12" is an int
    loader.add_implicit_resolver(FLOAT, _FLOAT, [*_DIGITS, "."])
    loader.add_constructor(BOOL, construct_bool)
    loader.add_constructor(INT, construct_int)
    loader.add_constructor(FLOAT, construct_float)
