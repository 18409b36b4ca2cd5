"""The HTML report in headless Chromium: gap rows, a working search box, inert XSS, a screenshot.

The screenshot lands in reports/screenshots/ (git-ignored) so a person can look at it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from riskreg.models.finding import Report
from riskreg.render import html

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "golden" / "report.fixture.json"
SCREENSHOTS = REPO / "reports" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("chromium is missing: run `make system`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    report = Report.model_validate_json(FIXTURE.read_bytes())
    path = tmp_path / "report.html"
    path.write_text(html.render(report), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    opened = context.new_page()
    opened.dialogs: list[str] = []  # type: ignore[misc]
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.goto(path.as_uri())
    yield opened
    context.close()


def _visible_gap_rows(page: Any) -> list[str]:
    rows = page.locator("#gap-table tbody tr:visible")
    return [rows.nth(i).inner_text() for i in range(rows.count())]


def test_gap_table_shows_the_expected_rows(page: Any) -> None:
    rows = _visible_gap_rows(page)
    assert len(rows) == 5  # mit9999 is in no system's scope: counted as unassessed, not a gap
    assert "mit1163.m1" in rows[0] and "failing" in rows[0]
    assert page.locator("#filter-count").inner_text() == "5 gap rows shown"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "report-fixture.png"), full_page=True)


def test_search_box_filters_rows(page: Any) -> None:
    page.fill("#filter-text", "mit1163")
    rows = _visible_gap_rows(page)
    assert len(rows) == 2 and all("mit1163" in row for row in rows)
    page.fill("#filter-text", "")
    page.select_option("#filter-status", "attested")
    assert [row.split()[0] for row in _visible_gap_rows(page)] == ["mit1158", "mit1166"]


def test_ai_systems_come_first_with_their_verdict(page: Any) -> None:
    first = page.locator("main > section").first
    assert first.get_attribute("id") == "systems"
    rows = page.locator("#systems-overview tbody tr")
    assert rows.count() == 2
    assert "1 above appetite, not accepted" in rows.nth(0).inner_text()  # coder
    assert "1 above appetite, accepted" in rows.nth(1).inner_text()  # chat
    assert "1 register risks are in no system's scope" in page.locator("#unassessed").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#systems").screenshot(path=str(SCREENSHOTS / "report-fixture-systems.png"))


def test_heat_maps_have_counts_in_cells_and_a_text_alternative(page: Any) -> None:
    heat = page.locator("#heat-residual-coder")
    assert heat.is_visible()
    # rows run from the highest likelihood down; mit1163 stays likely x major, mit1158 is now rare
    cell = heat.locator("tbody tr").nth(1).locator("td").nth(3)
    assert cell.inner_text().split() == ["1", "high"]
    assert cell.get_attribute("aria-label") == (
        "1 risks: likely likelihood, major impact, level high, above appetite"
    )
    total = sum(int(td.split()[0]) for td in heat.locator("td").all_inner_texts())
    assert total == 2
    alternative = page.locator("#heat-residual-coder-alt").inner_text()
    assert (
        "1 likely \N{MULTIPLICATION SIGN} major (high); 1 rare \N{MULTIPLICATION SIGN} severe (medium)"
        in alternative
    )
    figure = page.locator("figure[aria-describedby='heat-residual-coder-alt']")
    assert figure.count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#system-coder").screenshot(path=str(SCREENSHOTS / "report-fixture-coder.png"))


def test_article_9_steps_in_order_for_each_system(page: Any) -> None:
    headings = page.locator("#system-chat h3").all_inner_texts()
    assert [heading.split(" ", 1)[0] for heading in headings] == ["1.", "2.", "3.", "4.", "5."]
    assert "Art. 9(2)(a)" in headings[0] and "Art. 9(6)" in headings[4]
    text = page.locator("#system-chat").inner_text()
    assert "above appetite, accepted by ciso@example.com until 2026-02-10" in text
    assert "overdue" in text


def test_xss_payload_is_inert_text(page: Any) -> None:
    assert page.dialogs == []
    assert page.locator("script").count() == 1
    assert "<script>alert('xss')</script>" in page.locator("#gap-table").inner_text()


@pytest.mark.opa
def test_examples_report_in_the_browser(browser: Any, tmp_path: Path) -> None:
    from riskreg.cli.app import run

    target = tmp_path / "examples.html"
    examples = REPO / "examples" / "deployments"
    flags = ["--risks", str(REPO / "risks"), "--policies", str(REPO / "policies")]
    assert run(["report", str(examples), "-f", "html", "-o", str(target), *flags]) == 0
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    opened = context.new_page()
    opened.goto(target.as_uri())
    rows = _visible_gap_rows(opened)
    text = "\n".join(rows)
    assert "coding-agent" in text and "public-chat-api" in text
    assert "browsing-agent" not in text  # the compliant example never appears as a reason
    overview = opened.locator("#systems-overview tbody").inner_text()
    assert "2 above appetite, not accepted" in overview and "within appetite" in overview
    assert opened.locator("table.heatmap").count() == 6  # inherent and residual, three systems
    assert opened.locator("table:not(:has(caption))").count() == 0
    assert opened.locator("svg[role=img] title").count() >= 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(SCREENSHOTS / "report-examples.png"), full_page=True)
    opened.screenshot(path=str(SCREENSHOTS / "report-examples-first-screen.png"))
    opened.locator("#system-coding-agent").screenshot(
        path=str(SCREENSHOTS / "report-examples-coding-agent.png")
    )
    context.close()
