"""``kg view``: open graph.html in a browser, or print its path where there is none."""

from __future__ import annotations

import sys
import time
import webbrowser
from pathlib import Path

import pytest
from test_html import seed_like_graph

from kg.errors import KgError
from kg.export.html import write_html
from kg.view import has_browser, view


@pytest.fixture()
def outdir(tmp_path) -> Path:
    write_html(seed_like_graph(), tmp_path / "graph.html")
    return tmp_path


def test_without_a_browser_the_path_is_printed(outdir, capsys):
    path = view(outdir, browser=False)
    assert path == str((outdir / "graph.html").resolve())
    assert capsys.readouterr().out.strip() == path


def test_the_page_itself_can_be_given(outdir, capsys):
    assert view(outdir / "graph.html", browser=False) == str((outdir / "graph.html").resolve())


def test_a_folder_without_the_page_is_a_clear_error(tmp_path):
    with pytest.raises(KgError, match=r"has no graph.html: run `kg build"):
        view(tmp_path, browser=False)
    with pytest.raises(KgError, match="does not exist"):
        view(tmp_path / "missing", browser=False)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="desktop platforms always have a browser")
def test_no_display_means_no_browser(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert has_browser() is False


def test_with_a_browser_the_page_uri_is_opened(outdir, tmp_path, capsys):
    """A real browser command (a shell that records the URI it is asked to open) is launched."""
    record = tmp_path / "opened.txt"
    command = webbrowser.GenericBrowser(["sh", "-c", f'printf %s "$0" > "{record}"', "%s"])
    webbrowser.register("kg-test-recorder", None, command, preferred=True)
    try:
        path = view(outdir, browser=True)
    finally:
        webbrowser._tryorder.remove("kg-test-recorder")  # the stdlib has no unregister
    deadline = time.monotonic() + 10
    while not (record.exists() and record.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert record.read_text() == Path(path).as_uri()
    assert capsys.readouterr().out.strip() == f"opened {Path(path).as_uri()}"
