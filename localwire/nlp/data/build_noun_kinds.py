"""Build ``noun_kinds.tsv``: what kind of thing an English noun mostly names, from WordNet 3.0.

    apt-get install wordnet-base     # Debian's WordNet 3.0; its licence is in WORDNET-LICENSE.txt
    python -m localwire.nlp.data.build_noun_kinds [--wordnet /usr/share/wordnet]

The tag rules (``nlp/tagwords.py``) read it to refuse lone common nouns a reader would not
follow. A word's kind is the lexicographer file of its most frequent noun sense (WordNet orders
senses by frequency):

- ``person``: a role or kind of people ("farmer", "juror", "nobody");
- ``thing``: an artifact, natural object, place, quantity, body part or shape ("curb", "canyon",
  "yard", "province");
- ``group``: a group or collection ("household", "village");
- ``event``: an event, natural phenomenon or process ("tornado", "wildfire", "clash");
- ``matter``: a food, plant, animal or substance ("wheat", "coffee", "antioxidant");
- ``other``: any other first sense: an act, state, cognition, communication, time, … ("study",
  "coverage", "curfew", "life");
- ``notnoun``: mostly or only an adjective or adverb: no noun sense ("indoors"), or adjective
  senses tagged more often than noun senses in WordNet's sense-tagged corpus ("bold", "local").

Irregular plurals are written ``word<TAB>=lemma`` ("mice", "=mouse").
"""

from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "noun_kinds.tsv"
LEXNAMES = {"noun.person": "person", "noun.artifact": "thing", "noun.object": "thing", "noun.location": "thing",
            "noun.quantity": "thing", "noun.body": "thing", "noun.shape": "thing", "noun.group": "group",
            "noun.event": "event", "noun.phenomenon": "event", "noun.process": "event", "noun.food": "matter",
            "noun.plant": "matter", "noun.animal": "matter", "noun.substance": "matter"}
# The lexicographer files in the order of their numbers (WordNet's lexnames file).
LEX_FILES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
             "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
             "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
             "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time").split()


def _plain(lemma: str) -> bool:
    return lemma.isalpha() and lemma.islower() and len(lemma) > 2


def _lemmas(index: Path) -> set[str]:
    return {line.split()[0] for line in index.open() if not line.startswith("  ") and _plain(line.split()[0])}


def first_sense_kinds(folder: Path) -> dict[str, str]:
    """Every plain one-word noun with the kind of its first sense."""
    lexname = {}
    for line in (folder / "data.noun").open():
        if not line.startswith("  "):
            offset, file_number = line.split()[:2]
            lexname[offset] = LEX_FILES[int(file_number)]
    kinds = {}
    for line in (folder / "index.noun").open():
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, pointer_count = fields[0], int(fields[3])
        first = fields[4 + pointer_count + 2]  # after the pointers come sense_cnt, tagsense_cnt, then offsets
        kind = LEXNAMES.get(lexname[first], "other")
        if _plain(lemma):
            kinds[lemma] = kind
    return kinds


def tag_counts(folder: Path) -> dict[tuple[str, str], int]:
    """How often each lemma's senses of each part of speech were tagged in SemCor (``cntlist.rev``):
    'n' noun, 'a' adjective (satellites included)."""
    counts: dict[tuple[str, str], int] = {}
    for line in (folder / "cntlist.rev").open():
        key, _, count = line.split()
        lemma, sense = key.split("%", 1)
        pos = {"1": "n", "3": "a", "5": "a"}.get(sense[0])
        if pos:
            counts[(lemma, pos)] = counts.get((lemma, pos), 0) + int(count)
    return counts


def build(folder: Path) -> list[str]:
    kinds = first_sense_kinds(folder)
    nouns = _lemmas(folder / "index.noun")
    counts = tag_counts(folder)
    for lemma in sorted((_lemmas(folder / "index.adj") | _lemmas(folder / "index.adv")) - nouns):
        kinds[lemma] = "notnoun"
    for lemma in sorted(_lemmas(folder / "index.adj") & nouns):
        if counts.get((lemma, "a"), 0) > counts.get((lemma, "n"), 0):
            kinds[lemma] = "notnoun"  # 'bold', 'local', 'positive': a noun sense exists, rarely used
    lines = [f"{word}\t{kind}" for word, kind in sorted(kinds.items())]
    for line in (folder / "noun.exc").open():
        plural, lemma = line.split()[:2]
        if _plain(plural) and lemma in kinds:
            lines.append(f"{plural}\t={lemma}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args()
    lines = build(args.wordnet)
    OUT.write_text("# word<TAB>kind from WordNet 3.0 (build_noun_kinds.py); licence: WORDNET-LICENSE.txt\n"
                   + "\n".join(lines) + "\n")
    print(f"{OUT.name}: {len(lines)} words")


if __name__ == "__main__":
    main()
