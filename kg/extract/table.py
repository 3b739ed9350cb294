"""The actors of one document and the character spans that mention them.

Every extractor that needs to know "which actor is this token?" asks the table; the actor
component fills it, coreference adds mentions to it, and event/relation/quote extractors read it.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.model import Actor, Mention


class ActorTable:
    def __init__(self) -> None:
        self._actors: dict[str, Actor] = {}
        self._spans: list[tuple[int, int, str]] = []

    def __iter__(self):
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._actors

    def get(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def add(self, actor: Actor) -> Actor:
        """Add an actor, or merge it into the one with the same id; returns the stored actor."""
        stored = self._actors.get(actor.id)
        if stored is None:
            stored = Actor(**{**actor.__dict__, "mentions": []})
            self._actors[actor.id] = stored
        else:
            for attr in ("country", "sector", "code"):
                if getattr(stored, attr) is None and getattr(actor, attr) is not None:
                    setattr(stored, attr, getattr(actor, attr))
            for role in actor.roles:
                if role not in stored.roles:
                    stored.roles.append(role)
        for mention in actor.mentions:
            self.add_mention(stored.id, mention)
        return stored

    def add_mention(self, actor_id: str, mention: Mention) -> None:
        actor = self._actors[actor_id]
        if any(m.start == mention.start and m.end == mention.end for m in actor.mentions):
            return
        actor.mentions.append(mention)
        self._spans.append((mention.start, mention.end, actor_id))

    def rename(self, old_id: str, new_id: str) -> None:
        """Merge actor ``old_id`` into ``new_id`` (both must exist)."""
        if old_id == new_id:
            return
        old = self._actors.pop(old_id)
        self._spans = [(s, e, new_id if a == old_id else a) for s, e, a in self._spans]
        target = self._actors[new_id]
        for m in old.mentions:
            if not any(x.start == m.start and x.end == m.end for x in target.mentions):
                target.mentions.append(m)
        if old.name not in target.aliases and old.name != target.name:
            target.aliases.append(old.name)

    def at(self, start: int, end: int) -> str | None:
        """The actor whose mention best covers ``[start, end)``: the tightest containing mention,
        else the largest overlapping one."""
        containing = [(e - s, a) for s, e, a in self._spans if s <= start and end <= e]
        if containing:
            return min(containing)[1]
        overlapping = [(min(e, end) - max(s, start), a) for s, e, a in self._spans if s < end and start < e]
        return max(overlapping)[1] if overlapping else None

    def within(self, start: int, end: int) -> list[str]:
        """Actors with a mention inside ``[start, end)``, in text order, without repeats."""
        found = sorted((s, a) for s, e, a in self._spans if start <= s and e <= end)
        return list(dict.fromkeys(a for _, a in found))

    def remove(self, actor_ids: Iterable[str]) -> None:
        drop = set(actor_ids)
        for actor_id in drop:
            self._actors.pop(actor_id, None)
        self._spans = [t for t in self._spans if t[2] not in drop]

    def actors(self) -> list[Actor]:
        for actor in self._actors.values():
            actor.mentions.sort(key=lambda m: (m.start, m.end))
        return sorted(
            self._actors.values(), key=lambda a: (a.mentions[0].start if a.mentions else 1 << 60, a.id)
        )
