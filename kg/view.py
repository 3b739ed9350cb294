"""``kg view OUTDIR``: open the ``graph.html`` written by ``kg build`` in a browser."""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError

PAGE = "graph.html"


def find_page(target: str | Path) -> Path:
    """The view page of ``target``: an output folder holding ``graph.html``, or the page itself.

    Raises
    ------
    KgError
        When there is no such page.
    """
    path = Path(target)
    page = path / PAGE if path.is_dir() else path
    if not page.is_file():
        if path.is_dir():
            raise KgError(f"{path} has no {PAGE}: run `kg build INPUT... -o {path}` first")
        raise KgError(f"{path} does not exist: give the output folder of `kg build`")
    return page.resolve()


def has_browser() -> bool:
    """Whether a graphical browser can be opened here (macOS, Windows, or a display on Linux/BSD)."""
    if sys.platform in ("darwin", "win32"):
        return True
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False  # only console browsers remain; they would take over the terminal
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def view(
    outdir: str | Path,
    *,
    browser: bool | None = None,
    echo: Callable[[str], object] = print,
) -> str:
    """Open the graph view of a ``kg build`` output folder, or print its path where there is no browser.

    Parameters
    ----------
    outdir : str or Path
        The output folder of ``kg build`` (or the ``graph.html`` file itself).
    browser : bool, optional
        Open a browser (True), only print the path (False), or decide by :func:`has_browser` (None).
    echo : callable
        Where the path or the ``file://`` URI goes (``print`` by default; ``click.echo`` in the CLI).

    Returns
    -------
    str
        The absolute path of the page.

    Raises
    ------
    KgError
        When the folder has no ``graph.html``.

    Examples
    --------
    >>> from kg.view import view
    >>> view("output/examples", browser=False)  # doctest: +SKIP
    /work/main/output/examples/graph.html
    '/work/main/output/examples/graph.html'
    """
    page = find_page(outdir)
    if browser is None:
        browser = has_browser()
    if browser and webbrowser.open(page.as_uri()):
        echo(f"opened {page.as_uri()}")
    else:
        echo(str(page))
    return str(page)
