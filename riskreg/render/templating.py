"""The Jinja2 environments: one factory, StrictUndefined, escaping by default for HTML and Markdown.

Templates ship inside the package (so a wheel install has them); a user folder given with
`--templates` is searched first, so any template can be overridden by a file of the same name.
HTML autoescapes; Markdown has other special characters, so its environment escapes every
expression through `finalize` instead. Both come from `environment()`, with the same loader.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

PACKAGED = Path(__file__).resolve().parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def md_escape(text: object) -> str:
    """Text safe inside a Markdown paragraph or table cell: no markup, no HTML, one line."""
    value = " ".join(str(text).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def _md_finalize(value: Any) -> Any:
    from markupsafe import Markup

    if value is None or isinstance(value, Markup):
        return "" if value is None else value
    return md_escape(value)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"


@lru_cache(maxsize=8)
def environment(markdown: bool = False, override: Path | None = None) -> jinja2.Environment:
    """The environment for HTML (autoescaped) or Markdown (escaped by finalize) templates."""
    import jinja2

    folders = [str(override)] if override else []
    loader = jinja2.FileSystemLoader([*folders, str(PACKAGED)])
    options: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    if markdown:
        env = jinja2.Environment(autoescape=False, finalize=_md_finalize, **options)  # noqa: S701 - Markdown is escaped by finalize
    else:
        env = jinja2.Environment(autoescape=True, **options)
    env.filters["percent"] = _percent
    env.filters["md"] = md_escape
    return env


def template_source(name: str, override: Path | None = None) -> str:
    """The raw text of a template file (used for inline scripts whose hash goes into the CSP)."""
    env = environment(False, override)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source
