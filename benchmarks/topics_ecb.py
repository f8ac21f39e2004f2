"""Topic accuracy on news that is not HuffPost: the ECB+ articles, each topic labelled by hand.

    python benchmarks/topics_ecb.py [--data DIR]

ECB+ (CC BY 3.0) groups full news articles into topics of one kind of event. The
IPTC top-level topics that fit each were chosen by Localwire's developers, reading
the articles; where two fit (a bank bombing is crime and conflict), either counts
as right and the first listed is the gold label for macro-F1 when neither is given.
The topic model trains on the odd topics (``splits.ecb_part``); the even ones are reported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

ARTS, CRIME, DISASTER, ECONOMY, ENVIRONMENT = "medtop:01000000", "medtop:02000000", "medtop:03000000", \
    "medtop:04000000", "medtop:06000000"
POLITICS, SPORT, CONFLICT, HEALTH = "medtop:11000000", "medtop:15000000", "medtop:16000000", "medtop:07000000"
ECB_TOPICS = {
    1: (ARTS, HEALTH),  # a celebrity checks into rehab
    2: (ARTS,),  # who will host the Oscars
    3: (CRIME,),  # a prisoner's escape, capture and sentence
    4: (ARTS,),  # death of a film star and pin-up
    5: (SPORT,),  # an NBA coach fired, another hired
    6: (ARTS,),  # a director signs for a film sequel
    7: (SPORT,),  # a heavyweight title fight
    8: (CRIME, CONFLICT),  # a bomb or firebomb at a bank
    9: (ENVIRONMENT, POLITICS),  # endangered-species rules changed by an administration
    10: (SPORT,),  # a baseball free agent's contract offer
    11: (POLITICS,),  # parliamentary elections in Turkmenistan
    12: (CRIME, CONFLICT),  # a navy captures pirates
    13: (DISASTER, CRIME),  # a suspicious fire destroys a building
    14: (DISASTER, CRIME),  # a supermarket fire
    16: (CRIME,),  # a sheriff's deputy murdered; suspects arrested and sentenced
    18: (CRIME,),  # an office shooting
    19: (CONFLICT, CRIME),  # riots after police shoot a teenager
    20: (DISASTER,),  # an earthquake
    21: (CRIME,),  # a fatal hit-and-run, a charge
    22: (CRIME,),  # a murder charge and trial
}


def evaluate(folder: Path, part: str | None = None) -> tuple[float, float, int]:
    """Accuracy and macro-F1 over the topics of ``part`` ("tune": odd, trained on; "report": even), or all."""
    from ecbplus import read_corpus
    from splits import ecb_part
    from understanding import _accuracy_macro

    from localwire.nlp.topics import topic_model

    model = topic_model()
    gold, predicted = [], []
    for doc in read_corpus(folder):
        fits = ECB_TOPICS.get(doc.topic)
        if not fits or (part and ecb_part(doc.topic) != part):
            continue
        best = model.classify(doc.title, doc.text)[0].code
        predicted.append(best)
        gold.append(best if best in fits else fits[0])
    accuracy, macro = _accuracy_macro(gold, predicted)
    return accuracy, macro, len(gold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    args = parser.parse_args()
    folder = args.data / "clustering" / "ecbplus-dev"
    if not folder.is_dir():
        print(f"no ECB+ data at {folder}", file=sys.stderr)
        return 2
    for part, note in (("tune", "odd topics, trained on"), ("report", "even topics")):
        accuracy, macro, n = evaluate(folder, part)
        print(f"Topics, ECB+ {part} ({note}; {n} articles labelled by hand): accuracy {accuracy:.3f}, "
              f"macro-F1 {macro:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
