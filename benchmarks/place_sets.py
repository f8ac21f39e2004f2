"""The two place data sets the understanding benchmark reads, as (key, text, gold) per article.

Gold mentions are (start, end, lat, lon, geonameid); a toponym the annotators marked but could not
resolve has None for the last three. Read from ``../shared/data/geo`` by path, never copied.
"""

from __future__ import annotations

from pathlib import Path


def read_lgl(path: Path, limit: int | None):
    """(key, text, gold) per article; gold mentions are (start, end, lat, lon, geonameid), every
    toponym the annotators marked, the ones they could not resolve with None for the rest."""
    from xml.etree import ElementTree

    articles = []
    for article in ElementTree.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            tag = top.find("gaztag")
            resolved = tag is not None and tag.findtext("lat") is not None
            gold.append((int(top.findtext("start")), int(top.findtext("end")),
                         float(tag.findtext("lat")) if resolved else None,
                         float(tag.findtext("lon")) if resolved else None,
                         int(tag.get("geonameid")) if resolved else None))
        articles.append((article.get("docid") or str(len(articles)), text, gold))
        SOURCES[text] = article.findtext("domain") or ""
    return articles[:limit]


SOURCES: dict[str, str] = {}  # LGL text → the newspaper's domain, for the publisher's home area


GWN_TOPONYMS = {"Literal", "Mixed", "Literal_Modifier", "Metonymic", "Coercion", "Embedded_Literal",
                "Non_Literal_Modifier", "Embedded_Non_Lit"}


def read_geowebnews(folder: Path, gazetteer, limit: int | None):
    """(key, text, gold) per article (key: the file stem). A gold mention's point is the point
    Localwire's gazetteer has for its GeoNames id (towns, counties, regions, countries, continents);
    a mention whose id is unknown here is resolved gold that only that id can match."""
    articles = []
    for ann in sorted(folder.glob("*.ann"), key=lambda p: int(p.stem))[:limit]:
        text = ann.with_suffix(".txt").read_text()
        spans, notes = {}, {}
        for line in ann.read_text().splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                kind, *offsets = parts[1].split()
                if kind in GWN_TOPONYMS and len(offsets) == 2:
                    spans[parts[0]] = (int(offsets[0]), int(offsets[1]))
            elif line.startswith("#") and len(parts) >= 3:
                notes[parts[1].split()[-1]] = parts[2].strip()
        gold = []
        for key, (start, end) in spans.items():
            geonameid = int(notes[key]) if notes.get(key, "").isdigit() else None
            place = gazetteer.place(geonameid) if geonameid else None
            gold.append((start, end, place.lat if place else None, place.lon if place else None, geonameid))
        articles.append((ann.stem, text, gold))
    return articles
