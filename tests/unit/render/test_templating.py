"""Users override a packaged template by putting a file of the same name in --templates DIR;
undefined names fail loudly instead of rendering blanks."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from riskreg.models.finding import Report
from riskreg.render import markdown
from riskreg.render.templating import environment


def test_user_template_overrides_packaged_one(report: Report, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("Custom {{ report.tool.version }} {{ '<b>' }}\n")
    assert markdown.render(report, tmp_path) == "Custom 0.0.0-golden &lt;b&gt;\n"


def test_undefined_names_are_errors() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ nothing.here }}").render()


def test_html_environment_autoescapes() -> None:
    assert environment().from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"
