"""The graph view in headless Chromium: it loads cleanly offline, draws, searches and lists events.

Needs Debian's ``chromium`` (``apt-get install chromium``) and Playwright for Python, driving that
browser (never ``playwright install``). Skipped with the reason when either is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_html import HOSTILE, seed_like_graph

from kg.export.html import write_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("headless Chromium not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 860},
        )
        yield context
        context.close()


class Page:
    """A loaded graph page with its console errors and any request that left the machine."""

    def __init__(self, context, path: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: r.url.startswith("file:") or self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def click_node(self, node_id: str) -> None:
        """A real mouse click where the network draws the node."""
        point = self.js(
            "id => window.kgView.network.canvasToDOM(window.kgView.network.getPositions([id])[id])", node_id
        )
        box = self.page.locator("#kg-network canvas").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def close(self) -> None:
        self.page.close()


@pytest.fixture()
def seed_like_page(browser, tmp_path):
    path = tmp_path / "graph.html"
    write_html(seed_like_graph(), path)
    page = Page(browser, path)
    yield page
    page.close()


def test_page_loads_offline_without_errors_and_draws_nodes(seed_like_page):
    page = seed_like_page
    assert page.errors == []
    assert page.requests == []
    # the 9 actors with events or relations (Mexico City and Sinaloa Cartel have none) and 7 events
    drawn = page.js("window.kgView.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert len(drawn) == 9 + 7 and "actor:mexcity" not in drawn
    painted = page.js("""() => {
        const c = document.querySelector('#kg-network canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
        return n; }""")
    assert painted > 5_000, "the canvas shows the network"
    legend = page.page.inner_text("#kg-legend")
    assert "THREATEN" in legend and "person" in legend and "conflict" in legend


def test_search_focuses_the_actor_and_lists_its_events(seed_like_page):
    page = seed_like_page.page
    page.fill("#kg-search", "sheinb")
    page.press("#kg-search", "Enter")
    page.wait_for_timeout(700)  # the focus animation
    assert seed_like_page.js("window.kgView.network.getSelectedNodes()") == ["actor:sheinbaum"]
    centre = seed_like_page.js("""() => {
        const n = window.kgView.network, v = n.getViewPosition();
        const p = n.getPositions(['actor:sheinbaum'])['actor:sheinbaum'];
        return Math.hypot(v.x - p.x, v.y - p.y); }""")
    assert centre < 5, "the view is centred on the actor"
    assert page.inner_text("#kg-panel-title") == "Claudia Sheinbaum"
    assert "Juan Ramon de la Fuente to make direct contact" in page.inner_text("#kg-panel")
    page.fill("#kg-search", "nobody at all")
    page.press("#kg-search", "Enter")
    assert "No actor matches" in page.inner_text("#kg-search-status")


def test_search_reveals_an_unconnected_actor(seed_like_page):
    page = seed_like_page.page
    assert seed_like_page.js("window.kgView.nodes.get('actor:mexcity').hidden") is True
    page.fill("#kg-search", "mexico city")
    page.press("#kg-search", "Enter")
    page.wait_for_function("window.kgView.ready")
    assert page.is_checked("#kg-show-isolated")
    assert seed_like_page.js("window.kgView.nodes.get('actor:mexcity').hidden") is False
    assert page.inner_text("#kg-panel-title") == "Mexico City"
    assert "0 events" in page.inner_text("#kg-panel")


def test_clicking_an_actor_lists_its_events_with_dates_types_and_sentences(seed_like_page):
    seed_like_page.click_node("actor:trump")
    page = seed_like_page.page
    assert page.is_visible("#kg-panel")
    assert page.inner_text("#kg-panel-title") == "Donald Trump"
    items = page.locator("#kg-panel .kg-event")
    assert items.count() == 2
    first = items.nth(0).inner_text()
    assert "2026-01-08" in first and "THREATEN" in first and "drug cartels" in first
    assert page.inner_text("#kg-panel mark") in ("threatened", "hitting")  # the trigger is marked
    assert "leaderOf" in page.inner_text("#kg-panel")


def test_markup_in_a_sentence_is_shown_as_text_not_run(seed_like_page):
    seed_like_page.click_node("actor:mex")
    page = seed_like_page.page
    assert seed_like_page.js("window.pwned === undefined")
    assert HOSTILE in page.inner_text("#kg-panel")
    assert seed_like_page.errors == []


def test_actor_view_collapses_events_into_thicker_dyads(seed_like_page):
    page = seed_like_page.page
    page.uncheck("#kg-show-events")
    page.wait_for_function("window.kgView.ready")
    edges = seed_like_page.js(
        "window.kgView.edges.get().filter(e => e.kind === 'dyad').map(e => [e.from, e.to, e.count, e.width])"
    )
    widths = {(f, t): (count, width) for f, t, count, width in edges}
    twice, once = widths[("actor:trump", "actor:cartels")], widths[("actor:mex", "actor:usa")]
    assert twice[0] == 2 and once[0] == 1 and twice[1] > once[1]
    assert seed_like_page.js("window.kgView.nodes.get().every(n => n.group === 'actor')")
    assert seed_like_page.errors == []


def test_seed_article_view_end_to_end(browser, tmp_path):
    """The seed through the real pipeline and kg.build: search, click, sentences; keeps the README's picture.

    With ``KG_UPDATE_SCREENSHOT=1`` the screenshot is written to ``docs/seed-graph.png``.
    """
    import kg.api

    graph = kg.api.build([ROOT / "examples" / "reuters-2026-01-09-sheinbaum.txt"])
    path = tmp_path / "graph.html"
    graph.to_html(path)
    page = Page(browser, path)
    try:
        assert page.errors == [] and page.requests == []
        page.page.fill("#kg-search", "Sheinbaum")
        page.page.press("#kg-search", "Enter")
        assert page.page.inner_text("#kg-panel-title") == "Claudia Sheinbaum"
        assert "I asked Foreign Minister Juan Ramon de la Fuente" in page.page.inner_text("#kg-panel")
        page.page.click("#kg-panel-close")
        page.js("window.kgView.network.fit()")
        page.click_node(page.js("window.kgView.data.actors.find(a => a.label === 'Donald Trump').id"))
        panel = page.page.inner_text("#kg-panel")
        assert "THREATEN" in panel and "drug cartels" in panel and "2026-01-08" in panel
        page.page.click("#kg-panel-close")
        page.click_node(page.js("window.kgView.data.actors.find(a => a.label === 'Claudia Sheinbaum').id"))
        page.js("window.kgView.network.fit()")
        page.page.wait_for_timeout(300)
        shot = tmp_path / "seed-graph.png"
        page.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 50_000 and page.errors == []
        if os.environ.get("KG_UPDATE_SCREENSHOT") == "1":
            shutil.copyfile(shot, ROOT / "docs" / "seed-graph.png")
    finally:
        page.close()


def test_layout_is_the_same_on_every_load(browser, tmp_path):
    path = tmp_path / "graph.html"
    write_html(seed_like_graph(), path)
    positions = []
    for _ in range(2):
        page = Page(browser, path)
        positions.append(page.js("JSON.stringify(window.kgView.network.getPositions())"))
        page.close()
    assert positions[0] == positions[1]
