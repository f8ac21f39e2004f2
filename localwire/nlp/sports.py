"""Sports results as wire services print them: who is a team and who is a player, by the layout.

In a sports story the small model reads a club named after its town as a place ("Bastia") and a
player as an organisation. The shape of the lines says which is which, whatever the names are:

- a score after a name is a team's ("At Portsmouth : Middlesex 199", "Nice 1 ( Debbah 39th ) Bastia 1");
- "Shrewsbury v Brentford" anywhere in a line is two teams;
- a name before a minute ("Debbah 39th"), in a cricket dismissal ("c Croft b Cork") or with bowling
  figures ("Whittall 10-0-53-3") is a player;
- a player's club follows the player's name in brackets ("Pascal Zuberbuehler ( Grasshoppers )").

Countries stay places (national sides are scored as places in CoNLL and are places to a reader).
"""

from __future__ import annotations

import re

from localwire.nlp.evidence import CALENDAR
from localwire.nlp.lexicons import is_common_word

SQUAD_WORDS = ("midfielder", "striker", "defender", "goalkeeper", "keeper", "forward", "winger", "fullback",
               "coach", "manager", "captain", "player", "players", "pitcher", "reliever", "starter", "shortstop",
               "outfielder", "infielder", "catcher", "quarterback", "fans", "supporters", "squad", "debut")
_N = r"[A-Z][\w.'&’]*(?:[ -](?:[A-Z][\w.'&’]*|de|la|del|of|van|von|di))*"
_VENUE = r"(?:^|\n)[ \t]*(?:At|In)[ \t]+[^:\n]{1,40}?[ \t]*:[ \t]*"
TEAM_PATTERNS = (
    re.compile(rf"{_VENUE}(?P<a>{_N})(?:[ \t]*\([^)\n]*\))?[ \t]+\d{{1,3}}(?:-\d{{1,2}})?\b"),
    re.compile(rf"(?:^|\n)[ \t]*(?P<a>{_N})[ \t]+\d{{1,2}}[ \t]+\([^)\n]*\)[ \t]+(?P<b>{_N})[ \t]+\d{{1,2}}\b"),
    re.compile(rf"(?<![\w'’.-])(?P<a>{_N})[ \t]+(?:v|vs\.?)[ \t]+(?P<b>{_N})(?=[ \t]*(?:[,.;\n]|$))"),
    re.compile(rf"\)[ \t]+(?P<a>{_N})[ \t]+\d{{1,2}}[ \t]+\("),  # "… ) Bastia 1 ( Drobnjak 82nd )"
)
# "Feyenoord midfielder", "Milan 's player of the year", "Oakland reliever": a club's people.
SQUAD = re.compile(rf"(?P<a>{_N})(?:[ \t]*['’][ \t]*s)?[ \t]+(?:{'|'.join(SQUAD_WORDS)})\b")
PLAYER_PATTERNS = (
    re.compile(rf"(?P<a>{_N})[ \t]+\d{{1,3}}(?:st|nd|rd|th)\b"),
    re.compile(rf"(?<![\w'’.-])c[ \t]+(?P<a>{_N})[ \t]+b[ \t]+(?P<b>{_N})"),
    re.compile(rf"(?<![\w'’.-])(?:lbw|st[ \t]+{_N}|c[ \t]+&)[ \t]+b[ \t]+(?P<a>{_N})"),
    re.compile(rf"(?:^|\n)[ \t]*(?P<a>{_N})[ \t]+b[ \t]+(?P<b>{_N})[ \t]+\d"),
    re.compile(rf"(?:^|\n|,[ \t])[ \t]*(?P<a>{_N})[ \t]+\d{{1,2}}(?:\.\d)?-\d{{1,2}}-\d{{1,3}}-\d{{1,2}}\b"),
)
CLUB = re.compile(rf"(?P<p>{_N})[ \t]*\([ \t]*(?P<c>{_N})[ \t]*\)")
# "7. Michel Zanoli ( Netherlands ) MX Onda 1:54.095": a rider's team or maker after the country.
RIDER_TEAM = re.compile(rf"(?:^|\n)[ \t]*\d{{1,3}}\.?[ \t]+(?P<p>{_N})[ \t]*\([^)\n]*\)[ \t]+(?P<c>{_N})"
                        rf"(?=[ \t]*(?:[\d:.,+-]|\n|$))")


def _ordinary(name: str) -> bool:
    """'August 21st', 'Ranked 5th', 'The 3rd': dates and ordinary words before numbers are no one."""
    return name in CALENDAR or name in ("The", "A", "An") or (" " not in name and is_common_word(name))


def sports_kinds(text: str, spans, is_country) -> dict[tuple[int, int], str]:
    """(start, end) → "ORG" for teams, "PER" for players, "LOC" for countries, from the layout."""
    kinds: dict[tuple[int, int], str] = {}
    for pattern, kind in [(p, "PER") for p in PLAYER_PATTERNS] + [(p, "ORG") for p in TEAM_PATTERNS]:
        for match in pattern.finditer(text):
            for group in ("a", "b"):
                if match.groupdict().get(group) and not _ordinary(match.group(group)):
                    s, e = match.span(group)
                    kinds.setdefault((s, e), "LOC" if is_country(text[s:e]) else kind)
    places = {(s, e) for s, e, k, _ in spans if k == "LOC"}
    for match in SQUAD.finditer(text):  # a town the model called a place, named for its club's people
        if match.span("a") in places and not is_country(match.group("a")):
            kinds.setdefault(match.span("a"), "ORG")
    people = [(s, e) for s, e, k, _ in spans if k == "PER"] + [span for span, k in kinds.items() if k == "PER"]
    for match in (*CLUB.finditer(text), *RIDER_TEAM.finditer(text)):
        s, e = match.span("c")
        if any(a < match.end("p") and match.start("p") < b for a, b in people) and not is_country(text[s:e]):
            kinds.setdefault((s, e), "ORG")
    return kinds


VENUE = re.compile(rf"(?:^|\n)[ \t]*(?:At|In)[ \t]+(?P<v>{_N})[ \t]*(?:\([^)\n]*\)[ \t]*)?:")


def venues(text: str) -> list[tuple[int, int]]:
    """'At Cardiff : Kent 255-3': where a game is played is a place."""
    return [m.span("v") for m in VENUE.finditer(text)]
