"""Event evaluation: PLOVER gold sentences and ACLED event descriptions.

- **PLOVER GSR** (``plover_gsr_cameo.json``, PLOVER v0.5 labels mapped to the 2024 categories):
  ``type_acc`` (some event of the sentence has the gold type), ``type_acc_top`` (the most confident
  one has), ``event_p``/``event_r``/``event_f1`` on (type, source, target), where an actor matches a
  gold actor by country-code prefix or by a shared name token, and ``noevent_rate``.
- **ACLED** (``acled_2020_dev.csv``, notes as documents): ``event_recall`` (a note yields an
  event), ``type_acc_any``/``type_acc_top`` (ACLED event type mapped to PLOVER as in
  ``../shared/README.md``), ``date_acc`` (some event carries the note's first stated date, or the
  event date when the note states none).

The functions take ``Extraction`` objects, so any extractor (or a saved ``kg extract`` output) can
be scored; ``bench/eval_events.py`` runs the pipeline and prints the tables.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kg.model import Document, Extraction

PLOVER_V05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
GOLD_ISO3 = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ACLED_TYPES = {
    "Battles": {"ASSAULT"},
    "Explosions/Remote violence": {"ASSAULT"},
    "Violence against civilians": {"ASSAULT", "COERCE"},
    "Protests": {"PROTEST"},
    "Riots": {"PROTEST", "ASSAULT"},
}
_STOP = {"the", "of", "and", "a", "an", "for", "in", "on", "to", "at", "by", "with", "from", "as", "or"}
_STOP |= {"he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our"}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}) (\d{{4}})\b")


def name_tokens(text: str | None) -> set[str]:
    """Lower-case name tokens without dots, one-letter tokens and stopwords ("U.S." -> "us")."""
    words = re.findall(r"[a-z0-9]+", (text or "").replace(".", "").lower())
    return {w for w in words if len(w) > 1} - _STOP


@dataclass
class GoldActor:
    codes: set[str]
    tokens: set[str]


@dataclass
class GoldSentence:
    """One PLOVER gold record."""

    doc_id: str
    text: str
    type: str
    source: list[GoldActor] = field(default_factory=list)
    target: list[GoldActor] = field(default_factory=list)


def _gold_side(actors) -> list[GoldActor]:
    side = []
    for actor in actors if isinstance(actors, list) else []:
        if isinstance(actor, dict):
            prefix = str(actor.get("code") or "").upper()[:3]
            codes = {c for c in (prefix, GOLD_ISO3.get(prefix)) if c and c != "---"}
            side.append(GoldActor(codes, name_tokens(actor.get("actorText"))))
    return side


def load_plover(path: str | Path) -> list[GoldSentence]:
    """The scored records of the PLOVER gold file, ids ``plover-NNNN`` in file order."""
    gold = []
    for record in json.loads(Path(path).read_text(encoding="utf-8")):
        label = str(record.get("event") or "").upper()
        if not record.get("text") or not label or label == "DOCUMENT":
            continue
        gold.append(
            GoldSentence(
                doc_id=f"plover-{len(gold) + 1:04d}",
                text=record["text"],
                type=PLOVER_V05.get(label, label),
                source=_gold_side(record.get("source")),
                target=_gold_side(record.get("target")),
            )
        )
    return gold


def plover_documents(gold: Sequence[GoldSentence]) -> list[Document]:
    """The gold sentences as documents (no publication date: the file's dates are placeholders)."""
    return [Document(doc_id=g.doc_id, text=g.text, origin=g.doc_id) for g in gold]


def _side_ok(gold: list[GoldActor], actor_ids: list[str], extraction: Extraction) -> bool:
    if not gold:
        return True
    for actor_id in actor_ids:
        actor = extraction.actor(actor_id)
        if actor is None:
            continue
        codes = [c for c in (actor.country, actor.code) if c]
        names = set().union(name_tokens(actor.name), *(name_tokens(m.text) for m in actor.mentions))
        for g in gold:
            if any(c.startswith(p) for c in codes for p in g.codes) or g.tokens & names:
                return True
    return False


def score_plover(gold: Sequence[GoldSentence], extractions: Iterable[Extraction]) -> dict[str, float]:
    """PLOVER type accuracy and event precision, recall and F1 on (type, source, target).

    Parameters
    ----------
    gold : sequence of GoldSentence
    extractions : iterable of Extraction
        Matched to the gold sentences by ``doc_id``.

    Returns
    -------
    dict
        ``type_acc``, ``type_acc_top``, ``event_p``, ``event_r``, ``event_f1``, ``noevent_rate``,
        ``sentences``, ``events``.
    """
    by_id = {e.doc_id: e for e in extractions}
    by_text: dict[str, list[GoldSentence]] = {}
    for g in gold:
        by_text.setdefault(g.text, []).append(g)
    typed = top = found = noevent = predicted = right = 0
    for g in gold:
        extraction = by_id.get(g.doc_id) or Extraction(doc_id=g.doc_id)
        events = extraction.events

        def matches(event, gs, x=extraction):
            return (
                event.type == gs.type
                and _side_ok(gs.source, event.source, x)
                and _side_ok(gs.target, event.target, x)
            )

        typed += any(e.type == g.type for e in events)
        best = max(events, key=lambda e: e.confidence, default=None)
        top += bool(best and best.type == g.type)
        found += any(matches(e, g) for e in events)
        noevent += not events
        predicted += len(events)
        right += sum(any(matches(e, gs) for gs in by_text[g.text]) for e in events)
    n = len(gold) or 1
    precision, recall = right / predicted if predicted else 0.0, found / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "type_acc": typed / n,
        "type_acc_top": top / n,
        "event_p": precision,
        "event_r": recall,
        "event_f1": f1,
        "noevent_rate": noevent / n,
        "sentences": float(len(gold)),
        "events": float(predicted),
    }


@dataclass
class AcledNote:
    doc_id: str
    text: str
    event_type: str
    event_date: str  # ISO

    @property
    def stated_date(self) -> str:
        """The first date the note states ("On 9 May 2020"), else the event date."""
        match = _DATE.search(self.text)
        if match is None:
            return self.event_date
        return datetime.strptime(" ".join(match.groups()), "%d %B %Y").date().isoformat()


def load_acled(path: str | Path) -> list[AcledNote]:
    """ACLED rows as notes, ids ``acled-<data_id>``."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [
            AcledNote(
                doc_id=f"acled-{row['data_id']}",
                text=row["notes"],
                event_type=row["event_type"],
                event_date=datetime.strptime(row["event_date"], "%d-%b-%y").date().isoformat(),
            )
            for row in csv.DictReader(handle)
        ]


def acled_documents(notes: Sequence[AcledNote], *, published: bool = False) -> list[Document]:
    """The notes as documents; ``published=False`` withholds the date (it must come from the text)."""
    return [
        Document(doc_id=n.doc_id, text=n.text, origin=n.doc_id, published=n.event_date if published else None)
        for n in notes
    ]


def score_acled(notes: Sequence[AcledNote], extractions: Iterable[Extraction]) -> dict[str, float]:
    """ACLED event recall, type accuracy (any event / most confident event) and date accuracy.

    Parameters
    ----------
    notes : sequence of AcledNote
    extractions : iterable of Extraction

    Returns
    -------
    dict
        ``event_recall``, ``type_acc_any``, ``type_acc_top``, ``date_acc``, ``documents``.
    """
    by_id = {e.doc_id: e for e in extractions}
    with_event = checked = any_ok = top_ok = dated = 0
    for note in notes:
        events = (by_id.get(note.doc_id) or Extraction(doc_id=note.doc_id)).events
        with_event += bool(events)
        dated += any(e.date == note.stated_date for e in events)
        allowed = ACLED_TYPES.get(note.event_type)
        if events and allowed:
            checked += 1
            any_ok += any(e.type in allowed for e in events)
            top_ok += max(events, key=lambda e: e.confidence).type in allowed
    n = len(notes) or 1
    return {
        "event_recall": with_event / n,
        "type_acc_any": any_ok / checked if checked else 0.0,
        "type_acc_top": top_ok / checked if checked else 0.0,
        "date_acc": dated / n,
        "documents": float(len(notes)),
    }
