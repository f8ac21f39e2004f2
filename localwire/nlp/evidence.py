"""Word lists as evidence over the model's spans: a known first name makes a person.

The small model reads "Linford Christie" as an organisation and "Anke Huber of Germany" as
nothing. A given name from ``lexicons`` followed by capitalised words that are not ordinary
English words is a person's name whatever the model said, unless the whole run is a place.
The first-name list already leaves out names of countries, states and big cities ("Paris",
"Georgia"), see training/build_lexicons.py.
"""

from __future__ import annotations

import re
from collections import Counter

from localwire.nlp.lexicons import (FEATURE_WORDS, ORGANISATION_WORDS, TITLE_WORDS, head_kind, is_common_word,
                                   is_first_name, is_role_word)
from localwire.nlp.spans import Offsets, Span

_WORD = re.compile(r"(?<![\w'’.-])(?:Mc|Mac|O['’])?[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?(?![\w'’-])")
_BETWEEN = re.compile(r" (?:(?:van|von|de|der|den|da|di|del|dos|la|le|bin|al|y) )*")
MAX_WORDS = 4
CALENDAR = set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
               "August September October November December Day".split())


def first_name_runs(text: str, is_place=lambda name: False) -> list[Offsets]:
    """(start, end) of every 'Given Surname…' run: 'Anke Huber', 'Arantxa Sanchez Vicario'."""
    words = list(_WORD.finditer(text))
    runs, i = [], 0
    while i < len(words):
        if not is_first_name(words[i].group(0)):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and j - i + 1 < MAX_WORDS and _continues(text, words[j], words[j + 1]):
            j += 1
        start, end = words[i].start(), words[j].end()
        if j > i and not is_place(text[start:end]) and not _inside_a_name(text, words, i) \
                and not head_kind(text[start:end]):
            runs.append(Offsets(start, end))
        i = j + 1
    return runs


def _continues(text: str, word, following) -> bool:
    """The next capitalised word belongs to the same name: only particles between, no ordinary word, no date."""
    return bool(_BETWEEN.fullmatch(text[word.end():following.start()])) \
        and not is_common_word(following.group(0)) and following.group(0) not in CALENDAR


def _inside_a_name(text: str, words, i: int) -> bool:
    """'San Diego Padres', 'St. Louis Cardinals': a given name after a capitalised word that is no
    ordinary word (as a role is: 'Kicker Luis Alvarado') is the middle of another name."""
    before = text[:words[i].start()]
    previous = re.search(r"([A-Z][\w'’]*)\.? $", before)
    return bool(previous) and not is_common_word(previous.group(1)) and not is_role_word(previous.group(1))



def split_place_pairs(text: str, spans: list[Span], is_place, sporty: bool) -> list[Span]:
    """'Fargo and Moorhead' read as one organisation is two towns (two teams in a sports story)."""
    out = []
    for s, e, kind, label in spans:
        parts = re.fullmatch(r"(.+?)( and | & )(.+)", text[s:e]) if kind != "PER" else None
        if parts and is_place(parts.group(1)) and is_place(parts.group(3)):
            kind = kind if sporty else "LOC"
            middle = s + len(parts.group(1))
            out += [Span(s, middle, kind, ""), Span(middle + len(parts.group(2)), e, kind, "")]
        else:
            out.append(Span(s, e, kind, label))
    return out


_FEATURE_NAME = re.compile(rf"(?<![\w'’-])([A-Z][a-z]+) (?:{'|'.join(sorted(FEATURE_WORDS))})\b")


def feature_names(text: str, spans: list[Span]) -> list[Span]:
    """'Lefthand' alone, where the story also writes 'Lefthand Canyon', is that canyon: a place."""
    first_words = {m.group(1) for m in _FEATURE_NAME.finditer(text)}
    return [Span(s, e, "LOC", "") if kind in ("ORG", "MISC") and text[s:e] in first_words else Span(s, e, kind, label)
            for s, e, kind, label in spans]


# ", Light and Power" after "City Water": capitalised ordinary words listed inside one name.
_LISTED_WORDS = re.compile(r",[ ]([A-Z][a-z]+)(?:,[ ][A-Z][a-z]+)*,?[ ](?:and|&)[ ]([A-Z][a-z]+)(?![\w'’-])")


def whole_listed_names(text: str, spans: list[Span]) -> list[Span]:
    """'City Water, Light and Power' stays whole: the model stops at the comma."""
    out = []
    for s, e, kind, label in spans:
        match = _LISTED_WORDS.match(text, e) if kind == "ORG" else None
        if match and all(is_common_word(w) for w in re.findall(r"[A-Z][a-z]+", match.group(0))):
            e = match.end()
        out.append(Span(s, e, kind, label))
    return out


# 'Slovak', 'Angolan', 'Chechens', 'Bangladeshi', 'Briton': how names of peoples end ('Honda' does not).
_DEMONYM_ENDING = re.compile(r"^[A-Z][a-z]+(?:an|ans|ese|ish|i|is|ic|k|ks|kh|khs|z|on|ons|ch|sh)$|^[A-Z]+(?:AN|ESE|ISH)$")


def events_and_nationalities(text: str, spans: list[Span], is_demonym) -> list[Span]:
    """'Davis Cup', 'Belgian Grand Prix' are events and 'Slovak', 'Chechens' nationalities, whatever
    the model said: neither is an organisation, a person or a place."""
    out = []
    for s, e, kind, label in spans:
        name = text[s:e]
        if kind != "MISC" and head_kind(name) == "EVENT" and " " in name \
                and not ORGANISATION_WORDS & set(name.split()):  # not 'Organisation of the Islamic Conference'
            out.append(Span(s, e, "MISC", "EVENT"))
        elif kind != "MISC" and _DEMONYM_ENDING.search(name) and is_demonym(name.removesuffix("s")):
            out.append(Span(s, e, "MISC", "NORP"))
        else:
            out.append(Span(s, e, kind, label))
    return out


def organisations_by_head(text: str, spans: list[Span], is_place) -> list[Span]:
    """'Talbridge Mining Corp', 'Boulder County Sheriff's Office', 'Ajax FC': a name that ends in an
    organisation's word is an organisation, whatever the model said, unless it is a known place
    ('Kansas City', 'Soviet Union')."""
    return [Span(s, e, "ORG", "") if kind in ("PER", "LOC") and " " in text[s:e] and head_kind(text[s:e]) == "ORG"
            and not is_place(text[s:e]) else Span(s, e, kind, label) for s, e, kind, label in spans]


_TITLE_BEFORE = re.compile(rf"\b(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|{TITLE_WORDS})\.?\s+$", re.I)


def unintroduced_people(text: str, spans: list[Span], held, is_place, is_country, sporty: bool) -> list[Span]:
    """News introduces a person by full name or title before a surname stands alone. A one-word
    "person" the article never names in full, with no title before it and no given name, is what
    else the model mistakes for people: a town ('Grozny'), a word at a line start ('Extras'), a
    club or a company ('Ajax', 'Barrick')."""
    people = {w for s, e, kind, _ in spans if kind == "PER" for w in text[s:e].split() if " " in text[s:e]}
    people |= {w for (s, e), kind in held.items() if kind == "PER" for w in text[s:e].split()}
    out = []
    for s, e, kind, label in spans:
        word = text[s:e]
        if kind != "PER" or (s, e) in held or " " in word or word in people or word.isupper() \
                or is_first_name(word) or _TITLE_BEFORE.search(text[max(0, s - 30):s]):
            out.append(Span(s, e, kind, label))
        elif is_country(word) or (is_place(word) and not sporty):  # in sport a town's name is its club
            out.append(Span(s, e, "LOC", ""))
        elif not is_common_word(word):
            out.append(Span(s, e, "ORG", ""))
    return out


_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|from|to|outside|of)|^At|\n[ \t]*At)[ \t]+(?:the[ \t]+)?$")


def places_not_organisations(text: str, spans: list[Span], held, is_place, sporty: bool) -> list[Span]:
    """A town or country the model called an organisation is the place where the sentence says so:
    'in Doboj', 'near Sakai', 'At Portsmouth :' (where a game is played, not who plays)."""
    out = []
    for s, e, kind, label in spans:
        name = text[s:e]
        if kind == "ORG" and (s, e) not in held and not head_kind(name) and not name.isupper() \
                and _LOCATIVE.search(text[max(0, s - 12):s]) and is_place(name):
            kind, label = "LOC", ""
        out.append(Span(s, e, kind, label))
    return out


_BRACKETED_SHORT = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z&-]{1,9})[ \t]*\)")


def bracketed_abbreviations(text: str, spans: list[Span]) -> list[Span]:
    """'Kurdistan Democratic Party ( KDP )': an abbreviation spelled out just before it is the same
    organisation, and is found again wherever it stands alone."""
    out = list(spans)
    for s, e, kind, _ in spans:
        match = _BRACKETED_SHORT.match(text, e)
        if match and kind in ("ORG", "MISC") and _initials_fit(text[s:e], match.group(1)):
            a, b = match.span(1)
            out = [x for x in out if not (x[0] < b and a < x[1])] + [Span(a, b, kind, "")]
    return out


def _initials_fit(name: str, short: str) -> bool:
    """'LTTE' fits 'Liberation Tigers of Tamil Eelam'; 'SIMEX' fits 'Singapore International Monetary Exchange'."""
    letters = "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())
    short = short.upper().replace("-", "")
    return len(short) >= 2 and (letters.startswith(short) or short.startswith(letters)
                                or (short[0] == letters[:1] and set(short) <= set(name.upper())))


_NEXT_WORD = re.compile(r"[ ]([A-Z][a-z]+)(?![\w'’-])")


def names_with_heads(text: str, spans: list[Span], sporty: bool) -> list[Span]:
    """'Sydney' + 'Newsroom', 'Harwich' + 'Rovers': a name followed by an organisation's word is that
    organisation; in sport a place followed by a plural nickname is the team ('Texas Rangers')."""
    out = []
    for s, e, kind, label in spans:
        following = _NEXT_WORD.match(text, e) if kind in ("LOC", "ORG") else None
        word = following.group(1) if following else ""
        if word and (word in ORGANISATION_WORDS or (sporty and kind == "LOC" and word.endswith("s")
                                                    and not is_common_word(word))):
            if not any(x[0] < following.end() and following.start() < x[1] for x in spans if x[0] != s):
                out.append(Span(s, following.end(), "ORG", ""))
                continue
        out.append(Span(s, e, kind, label))
    return out


def same_kind_in_lists(text: str, spans: list[Span], strong) -> list[Span]:
    """'Essex, Derbyshire and Surrey': names listed together are the same kind of thing, the majority's."""
    runs, run = [], []
    for span in spans:
        if run and re.fullmatch(r"\s*,\s*|\s+(?:and|or)\s+|\s*,\s*(?:and|or)\s+", text[run[-1].end:span.start]):
            run.append(span)
        else:
            if len(run) >= 3:
                runs.append(run)
            run = [span]
    if len(run) >= 3:
        runs.append(run)
    changed = {}
    for run in runs:
        kind, n = Counter(x.kind for x in run).most_common(1)[0]
        if n >= 2 and n * 2 > len(run):
            changed.update({(x.start, x.end): kind for x in run if (x.start, x.end) not in strong and x.kind != "MISC"})
    return [Span(s, e, changed.get((s, e), k), label if changed.get((s, e), k) == k else "")
            for s, e, k, label in spans]
