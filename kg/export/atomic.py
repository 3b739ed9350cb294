"""Atomic writes: every output file is written to a temporary file in the same folder, then
moved over the target with ``os.replace``, so readers never see a half-written file and a writer
that fails leaves the previous file (or nothing) behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open ``path`` for writing through a temporary sibling file, renamed into place on success.

    Parameters
    ----------
    path : str or PathLike
        The file to (re)place; its folder is created if needed.
    mode : str
        ``"w"`` (text) or ``"wb"`` (binary).
    encoding, newline : str, optional
        As for :func:`open` in text mode.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_open(target) as handle:
    ...     _ = handle.write("done")
    >>> target.read_text()
    'done'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only ('w' or 'wb'), not {mode!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if "b" in mode:
            handle = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_to(path_or_file, write: Callable[[IO[Any]], None], *, binary: bool = False) -> None:
    """Call ``write(handle)`` on an open file object, or atomically on a path.

    The one helper every ``write_x`` uses: a file object is written as is (the caller owns it);
    a path gets :func:`atomic_open`.
    """
    if hasattr(path_or_file, "write"):
        write(path_or_file)
        return
    with atomic_open(
        path_or_file,
        "wb" if binary else "w",
        encoding=None if binary else "utf-8",
        newline=None if binary else "",
    ) as handle:
        write(handle)


def is_binary(handle: IO[Any]) -> bool:
    """Whether an open file object takes bytes."""
    return isinstance(handle, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(handle, "mode", "")
