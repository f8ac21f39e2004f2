"""Word lists the entity layer checks the model against, made by ``build.py`` beside them.

They confirm, extend or retype what the model found; they never find names on their own
except where a known first name starts a capitalised run ("Anke Huber").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Words that name a position a person holds; before a name they are a title, after it an appositive.
TITLE_WORDS = (
    r"(?:president|prime minister|premier|chancellor|king|queen|prince|princess|pope|gov\.?|governor|mayor|sen\.?|"
    r"senator|rep\.?|representative|secretary(?: of [A-Z][a-z]+)?|minister(?: of [A-Z][a-z]+)?|foreign minister|"
    r"chief|director|spokesperson|spokesman|spokeswoman|commissioner|judge|justice|gen\.?|general|col\.?|colonel|"
    r"lt\.?|sgt\.?|adm\.?|rear adm\.?|coach|dr\.?|council member|councilman|councilwoman|superintendent|"
    r"sheriff|ceo|chief executive|chairman|chairwoman|chair|leader|ambassador|envoy|attorney general|prosecutor|"
    r"head coach|kicker|quarterback|pitcher|goalkeeper|goalie|striker|midfielder|defender|linebacker|"
    r"running back|receiver|catcher|captain|officer|executive|founder|co-founder|professor|economist|analyst)"
)


@lru_cache(maxsize=None)
def _words(name: str) -> frozenset[str]:
    return frozenset(json.loads((HERE / name).read_text())["words"])


def is_first_name(word: str) -> bool:
    """'Anke', 'Wasim', 'Sandrine'; not 'Will', 'Paris' or 'Georgia' (see build.py)."""
    return word in _words("first_names.json")


def is_common_word(word: str) -> bool:
    """'attendance', 'results', 'women': written in lower case in ordinary news prose."""
    return word.lower() in _words("common_words.json")


# Last words that make a name an organisation: "Talbridge Mining Corp", "Interior Ministry", "Ajax FC".
ORGANISATION_WORDS = frozenset("""
Inc Corp Corporation Co Company Companies Ltd Limited Plc PLC LLC LLP AG SA NV BV GmbH SpA AB ASA Oyj Bhd
Organisation Organization Corps
Group Holdings Holding Industries Enterprises Partners Associates Bank Bancorp Trust Fund Funds Capital
Securities Investments Insurance Airlines Airways Motors Petroleum Energy Systems Technologies Laboratories
Labs Pharmaceuticals Communications Telecom Media Press Newspapers Times Journal Post Herald Gazette Tribune
Ministry Department Office Agency Authority Administration Commission Committee Council Board Bureau Service
Institute University College School Academy Foundation Society Association Federation Union League Alliance
Congress Parliament Senate Assembly Court Tribunal Party Front Movement Army Navy Police Guard Church
Club FC United City Rovers Wanderers Athletic Athletico Sporting
Newsroom Desk Bureau
""".split())
# Last words of events, competitions and documents: "Davis Cup", "Belgian Grand Prix", "Brady Bill".
EVENT_WORDS = frozenset("""
Cup Championship Championships Open Classic Masters Trophy Tournament Games Olympics Olympiad Prix Rally
Series Marathon Derby Festival Awards Prize Convention Summit Conference Treaty Accord Accords Act Bill
War Crisis Plan
""".split())
# Last words of streets, buildings and features of the land: places, never people.
FEATURE_WORDS = frozenset("""
Road Street Avenue Boulevard Lane Drive Highway Square Bridge Tunnel Station Airport Port Harbour Harbor
Stadium Arena Park Gardens Hall House Palace Castle Tower Centre Center Canyon River Creek Lake Mountain
Mountains Hill Hills Valley Island Islands Bay Gulf Sea Ocean Coast Beach Falls Forest Desert Peninsula
""".split())


def head_kind(name: str) -> str:
    """What a name's last word says it is: "ORG", "EVENT", "PLACE" or ""."""
    last = name.split()[-1].rstrip(".") if name.split() else ""
    if last in ORGANISATION_WORDS:
        return "ORG"
    if last in EVENT_WORDS:
        return "EVENT"
    return "PLACE" if last in FEATURE_WORDS else ""


_ROLE = re.compile(rf"^(?:{TITLE_WORDS})$", re.I)


def is_role_word(word: str) -> bool:
    """'Kicker', 'President', 'Coach': a word that says what a person is, written before the name."""
    return bool(_ROLE.match(word))
