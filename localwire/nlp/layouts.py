"""The layouts of wire copy the entity rules read: section slugs, datelines, results, standings,
fixtures, score lines, "Name (Country)" lists, initials, and the words that mark a sports story.

Patterns only; what each layout says about a name is decided in ``consistency.py``.
"""

from __future__ import annotations

import re

from localwire.nlp.name_edges import DAYS

SPORTS = re.compile(
    r"\b(?:soccer|football|cricket|tennis|golf|baseball|basketball|rugby|hockey|athletics|cycling|boxing|"
    r"motor racing|formula one|handball|volleyball|swimming|rowing|sailing|horse racing|skiing|badminton|"
    r"squash|snooker|nfl|nba|nhl|league|cup|championship|grand prix|olympics?|match|innings|goals?)\b",
    re.I,
)
# Section slugs of wire headlines: "SOCCER - ...", "TENNIS - ...", "PRESS DIGEST - ...".
SLUG = re.compile(r"^\s*([A-Z][A-Z &/-]*[A-Z])\s+-\s+")
_NAME = r"[A-Z][\w.'&’]*(?:[ -](?:[A-Z][\w.'&’]*|de|la|del|of|van|von|di))*"
RESULT = re.compile(rf"(?:^|\n)[ \t]*(?P<a>{_NAME})[ \t]+\d{{1,3}}[ \t]+(?:-[ \t]+)?(?P<b>{_NAME})[ \t]+\d{{1,3}}\b")
STANDING = re.compile(rf"(?:^|\n)[ \t]*(?P<a>{_NAME})[ \t]+\d+(?:[ \t]+[\d./-]+){{3,}}[ \t]*(?=\n|$)")
# A fixture or score line: "Leeds v Chelsea", "Kent 300 and 120-4".
# In "Boston at Toronto" the second name is where the game is played.
FIXTURE = re.compile(rf"(?:^|\n)[ \t]*(?P<a>{_NAME})[ \t]+(?:(?P<at>at|AT|At)|v|V|vs\.?|VS\.?)[ \t]+(?P<b>{_NAME})[ \t]*(?=\n|$)")
SCORE = re.compile(rf"(?:^|\n)[ \t]*(?P<a>{_NAME})[ \t]+\d{{1,3}}(?:-\d{{1,2}})?(?:[ \t]+and[ \t]+\d{{1,3}}(?:-\d{{1,2}})?)?"
                   rf"(?:[ \t]*(?:\(|;|,|$)|[ \t]*(?=\n))")
NATION = re.compile(rf"(?P<name>{_NAME})[ \t]*\([ \t]*(?P<c>[A-Z][\w.' -]{{1,30}}?)[ \t]*\)")
INITIALS = re.compile(r"(?<![\w.'’-])(?P<i>(?:[A-Z]\.[ ]?){1,2})(?P<s>[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)(?![\w'’-])")
NOT_INITIALS = {"U.N.", "E.U.", "U.S.", "U.K.", "D.C.", "N.Y.", "L.A.", "A.M.", "P.M.", "S.A."}
VERSUS = re.compile(rf"(?P<a>{_NAME})\s+(?:beat|defeated|drew with|drew|lost to|v|vs\.?|against)\s+(?P<b>{_NAME})")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_LINE = re.compile(
    rf"(?:^|\n)[ \t]*(?P<city>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){{0,3}})"
    rf"(?:[ \t]*,[ \t]*(?P<region>[A-Z][A-Za-z.'’ -]{{1,30}}?))?[ \t]*,?[ \t]+"
    rf"(?:\d{{4}}-\d\d-\d\d|{_MONTH}[ \t]+\d{{1,2}}(?:,?[ \t]+\d{{4}})?)[ \t]*(?=\n|$)"
)
DATE_WORD = re.compile(rf"{DAYS}|{DAYS.upper()}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")


def shouts(line: str) -> bool:
    """A headline line: most of its words are in capitals."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’.-]*", line) if len(w) > 1]
    return len(words) >= 2 and sum(w.isupper() for w in words) / len(words) >= 0.7


def is_sporty(text: str) -> bool:
    """A sports story: a sport's word near the top, or two results lines."""
    return bool(SPORTS.search(text[:300])) or len(RESULT.findall(text)) >= 2
