"""The project's event knowledge, loaded from ``kg/data/events``: CAMEO codes, triggers, argument
patterns and modality cues.

Everything an analyst may want to change lives in those files; this module only reads them.

- ``cameo.tsv``: CAMEO code -> name, Goldstein score, quad class, PLOVER 2024 category, mode.
- ``triggers.tsv``: words and phrases that report an event, with CAMEO code and argument patterns.
- ``arguments.json``: default argument patterns by part of speech and PLOVER category, frames.
- ``cues.json``: modality cues, speech verbs, light verbs, wire services that are never participants.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

ROLES = ("source", "target", "recipient")


@dataclass(frozen=True)
class CameoCode:
    """One row of ``cameo.tsv``."""

    code: str
    name: str
    goldstein: float
    quad_class: int | None
    plover: str | None
    mode: str | None


@dataclass(frozen=True)
class Trigger:
    """One trigger entry: ``words[0]`` (VERB) or ``words[-1]`` (NOUN) is the trigger token's lemma,
    the other words must be among its dependents."""

    words: tuple[str, ...]
    pos: str
    cameo: str
    mode: str | None
    args: dict[str, tuple[str, ...]] = field(default_factory=dict)
    when: tuple[str, ...] = ()
    type: str | None = None  # PLOVER category when it differs from the CAMEO code's
    line: int = 0

    @property
    def head(self) -> str:
        return self.words[0] if self.pos == "VERB" else self.words[-1]

    @property
    def extras(self) -> tuple[str, ...]:
        return self.words[1:] if self.pos == "VERB" else self.words[:-1]


@dataclass
class EventLexicon:
    """Triggers indexed by head lemma, the CAMEO table, argument patterns and cues."""

    cameo: dict[str, CameoCode]
    triggers: dict[tuple[str, str], list[Trigger]]
    arguments: dict
    cues: dict[str, frozenset[str]]

    def candidates(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma, pos), [])

    def code(self, cameo: str) -> CameoCode | None:
        """The row of ``cameo``, falling back to its parent codes (``0874`` -> ``087`` -> ``08``)."""
        for size in range(len(cameo), 1, -1):
            row = self.cameo.get(cameo[:size])
            if row is not None:
                return row
        return None

    def plover(self, cameo: str) -> str | None:
        row = self.code(cameo)
        return row.plover if row else None

    def roles(self, trigger: Trigger, category: str) -> dict[str, tuple[str, ...]]:
        """Argument pattern of ``trigger``: default, then category, then the entry's own."""
        defaults = self.arguments["defaults"][trigger.pos]
        by_category = self.arguments["categories"].get(category, {}).get(trigger.pos, {})
        merged = {role: tuple(defaults.get(role, ())) for role in ROLES}
        merged.update({role: tuple(deps) for role, deps in by_category.items()})
        merged.update(trigger.args)
        return merged

    @property
    def frame_categories(self) -> frozenset[str]:
        return frozenset(self.arguments["frames"]["categories"])

    @property
    def content_preps(self) -> frozenset[str]:
        return frozenset(self.arguments["frames"].get("content_preps", ()))

    def content_code(self, frame_category: str, content_category: str) -> str | None:
        return self.arguments["frames"]["content_codes"].get(frame_category, {}).get(content_category)

    def recode(self, table: str, category: str) -> str | None:
        """The CAMEO code ``arguments.json[table]`` gives events of ``category``, if any."""
        return self.arguments.get(table, {}).get(category)


def _data_dir() -> Path:
    return Path(str(resources.files("kg") / "data" / "events"))


def _rows(path: Path):
    """Data rows of a tab-separated file with ``#`` comments and a header line."""
    with path.open(encoding="utf-8") as handle:
        lines = [(n, line.rstrip("\n")) for n, line in enumerate(handle, 1)]
    content = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    header = content[0][1].split("\t")
    for n, line in content[1:]:
        cells = line.split("\t")
        yield n, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))


def read_cameo(path: Path) -> dict[str, CameoCode]:
    """Read ``cameo.tsv`` into ``{code: CameoCode}``."""
    table = {}
    for _, row in _rows(path):
        table[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"] or 0),
            quad_class=int(row["quad_class"]) if row["quad_class"] else None,
            plover=row["plover"] or None,
            mode=row["mode"] or None,
        )
    return table


def _parse_args(text: str) -> dict[str, tuple[str, ...]]:
    """``"target=on,against;recipient=to"`` -> ``{"target": ("on", "against"), ...}``."""
    spec = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        role, _, deps = part.partition("=")
        if role.strip() not in ROLES:
            raise ValueError(f"unknown argument role {role!r} in {text!r}")
        spec[role.strip()] = tuple(d.strip() for d in deps.split(",") if d.strip())
    return spec


def read_triggers(path: Path, cameo: dict[str, CameoCode]) -> dict[tuple[str, str], list[Trigger]]:
    """Read ``triggers.tsv`` into ``{(head lemma, pos): [Trigger, ...]}`` (file order kept)."""
    index: dict[tuple[str, str], list[Trigger]] = {}
    for n, row in _rows(path):
        if row["pos"] not in ("VERB", "NOUN"):
            raise ValueError(f"{path}:{n}: pos must be VERB or NOUN, not {row['pos']!r}")
        if not any(row["cameo"][:k] in cameo for k in (4, 3, 2)):
            raise ValueError(f"{path}:{n}: unknown CAMEO code {row['cameo']!r}")
        trigger = Trigger(
            words=tuple(row["phrase"].lower().split()),
            pos=row["pos"],
            cameo=row["cameo"],
            mode=row["mode"] or None,
            args=_parse_args(row.get("args", "")),
            when=tuple(w.strip() for w in row.get("when", "").split(";") if w.strip()),
            type=row.get("type") or None,
            line=n,
        )
        index.setdefault((trigger.head, trigger.pos), []).append(trigger)
    return index


@lru_cache(maxsize=4)
def load_event_lexicon(directory: str | None = None) -> EventLexicon:
    """Load (once per process) the event lexicon from ``directory`` (default: ``kg/data/events``).

    Parameters
    ----------
    directory : str, optional
        A folder with ``cameo.tsv``, ``triggers.tsv``, ``arguments.json`` and ``cues.json``.

    Returns
    -------
    EventLexicon
    """
    folder = Path(directory) if directory else _data_dir()
    cameo = read_cameo(folder / "cameo.tsv")
    cues = json.loads((folder / "cues.json").read_text(encoding="utf-8"))
    return EventLexicon(
        cameo=cameo,
        triggers=read_triggers(folder / "triggers.tsv", cameo),
        arguments=json.loads((folder / "arguments.json").read_text(encoding="utf-8")),
        cues={k: frozenset(v) for k, v in cues.items() if isinstance(v, list)},
    )


def cameo_rows(directory: str | None = None) -> list[dict[str, str]]:
    """The rows of ``cameo.tsv`` as dictionaries (for the RDF scheme and documentation)."""
    folder = Path(directory) if directory else _data_dir()
    with (folder / "cameo.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
