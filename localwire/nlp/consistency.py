"""Article-level repair of the model's entities.

The small model reads sentence by sentence and forgets: it calls a surname
PER in one line and ORG in the next, misses a name it found three lines up,
and reads a club named after its city as a place. An article is one story, so
what is certain in one place holds in all of them.

``refine`` runs ``RULES`` in this order, each a function below over one ``Repair``:

1. ``tidy_spans``: cut spans at line breaks, " - " and brackets; drop "the", "'s",
   dates, scores and trailing common words stuck to names (``name_edges.tidy``);
2. ``read_section_slug``: a section slug ("SOCCER - ...") is no entity, and says
   whether this is a sports story;
3. ``check_with_word_lists``: listed names, towns joined by "and", features,
   organisations' and events' words, nationalities, bracketed abbreviations
   (``evidence.py``, word lists in ``lexicons/``);
4. ``datelines_are_places``: "LONDON 1996-08-30" and "LONDON, Aug 30" lines
   are datelines, so the name is a place;
5. ``teams_in_results``, ``teams_either_side_of_versus``, ``venues_and_players``:
   in sports stories, names in results, standings, fixture and score lines and
   around "beat"/"drew with"/"lost to" are teams (ORG) unless countries; venues
   are places and players are people (``sports.py``);
6. ``initials_make_people``: "P. Simmons" is a person;
7. ``given_names_make_people``: a known given name and a surname make a person;
8. ``country_lists_share_a_kind``: "Name (Country)" lists are one kind of thing;
9. ``learn_the_articles_words``: which words the article writes in lower case,
   and which words belong to people's full names;
10. ``countries_are_places``: a country named in title case, or a span that names
    a country, is a place (unless a person of that name is in the story);
11. ``ordinary_words_are_no_names``: a one-word "name" where any capital would
    do, that the article also writes in lower case, is dropped;
12. ``roles_leave_names``: "Fullback Andre Joubert" loses "Fullback";
13. ``headlines_keep_confirmed_words``: headline spans keep only words the body
    also capitalises;
14. ``strong_spans_win``: what the rules above are sure of replaces the model's
    spans, and the section slug goes;
15. ``listed_names_share_a_kind``: "A, B and C" lists are one kind of thing; a
    one-word "person" never introduced is something else; a town the model
    called an organisation is a place (``evidence.py``);
16. ``one_string_one_type``: one string, one type per article; words of people's
    full names are PER, the first word of a company's name is ORG;
17. ``apply_one_type``: every span takes its string's type;
18. ``find_missed_mentions``: mentions the model missed are added (capitalised,
    whole words);
19. ``dates_and_time_zones_are_no_names``: "June", "Sept" and "GMT" alone go;
20. ``join_neighbouring_names``: neighbouring name words are joined, particles
    join surnames, and of overlapping spans the longer stays.

Every step is plain string work over the article; the word lists are data
made by ``training/build_lexicons.py`` and the countries and towns come from GeoNames.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

from localwire.nlp.countries import country_mentions, is_country, is_country_or_town, is_demonym, is_town
from localwire.nlp.evidence import (bracketed_abbreviations, events_and_nationalities, feature_names,
                                    first_name_runs, names_with_heads, organisations_by_head,
                                    places_not_organisations, same_kind_in_lists, split_place_pairs,
                                    unintroduced_people, whole_listed_names)
from localwire.nlp.layouts import (DATE_LINE, DATE_WORD, FIXTURE, INITIALS, NATION, NOT_INITIALS, RESULT, SCORE,
                                   SLUG, SPORTS, STANDING, VERSUS, is_sporty, shouts)
from localwire.nlp.lexicons import is_common_word
from localwire.nlp.name_edges import join_names, no_overlaps, occurrences, tidy, with_particles
from localwire.nlp.spans import Offsets, Span
from localwire.nlp.sports import sports_kinds, venues

TIME_ZONES = {"GMT", "UTC", "EDT", "EST", "CDT", "CST", "MDT", "MST", "PDT", "PST", "BST", "CET", "CEST", "EET", "JST"}
NEVER_PROPAGATE = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "The", "A", "An", "I", "He", "She", "It", "We", "They", "In", "On", "At", "Mr", "Mrs", "Ms", "Dr",
}
_PARTICLES = {"van", "von", "der", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "ibn", "al", "el"}


@dataclass
class Repair:
    """One article's spans on their way through the rules, with what the rules have learnt so far.

    ``strong`` holds the kinds the rules are sure of, by offsets; they win over the model's."""

    original: str
    readable: str  # the truecased text, same offsets
    spans: list[Span]
    strong: dict[tuple[int, int], str]
    slug_span: Offsets | None = None
    sporty: bool = False
    lower: set[str] = field(default_factory=set)  # words the article writes in lower case
    person_words: set[str] = field(default_factory=set)
    decided: dict[str, str] = field(default_factory=dict)  # one type per string

    def held(self, s: int, e: int) -> bool:
        """Whether a strong span overlaps this stretch."""
        return any(a < e and s < b for a, b in self.strong)


def tidy_spans(r: Repair) -> None:
    r.spans = tidy(r.readable, r.spans)


def read_section_slug(r: Repair) -> None:
    slug = SLUG.match(r.original.split("\n", 1)[0])
    r.slug_span = Offsets(slug.start(1), slug.end(1)) if slug else None
    r.sporty = is_sporty(r.readable) or bool(slug and SPORTS.search(slug.group(1)))


def check_with_word_lists(r: Repair) -> None:
    text = r.readable
    spans = whole_listed_names(text, r.spans)
    spans = feature_names(text, split_place_pairs(text, spans, is_town, r.sporty))
    spans = names_with_heads(text, spans, r.sporty)
    spans = bracketed_abbreviations(text, events_and_nationalities(text, spans, is_demonym))
    r.spans = organisations_by_head(text, spans, is_country_or_town)


def datelines_are_places(r: Repair) -> None:
    for m in DATE_LINE.finditer(r.original):
        for group in ("city", "region"):
            if m.group(group) and not re.fullmatch(r"[A-Z][a-z]+day", m.group(group)):
                r.strong[m.span(group)] = "LOC"


def teams_in_results(r: Repair) -> None:
    if not r.sporty:
        return
    for pattern in (RESULT, STANDING, FIXTURE, SCORE):
        for m in pattern.finditer(r.readable):
            for group in ("a", "b"):
                if group not in m.groupdict() or m.group(group) is None or (group == "b" and m.groupdict().get("at")):
                    continue
                s, e = m.span(group)
                if _ordinary(r.readable[s:e], set()):
                    continue  # "Attendance 6,000" is no team
                # a player on a leaderboard ("Ann Lee 70 68") is not a team
                if pattern in (STANDING, SCORE) and any(x.kind == "PER" and " " in r.readable[x.start:x.end]
                                                        for x in r.spans if x.overlaps(s, e)):
                    continue
                r.strong[(s, e)] = "LOC" if is_country(r.readable[s:e]) else "ORG"


def teams_either_side_of_versus(r: Repair) -> None:
    if not r.sporty:
        return
    for m in VERSUS.finditer(r.readable):
        for group in ("a", "b"):
            s, e = m.span(group)
            hit = [x for x in r.spans if x.start == s and x.end == e]
            if hit and hit[0].kind == "LOC" and not is_country(r.readable[s:e]):
                r.strong[(s, e)] = "ORG"


def venues_and_players(r: Repair) -> None:
    if not r.sporty:
        return
    for span in venues(r.readable):
        r.strong.setdefault(span, "LOC")
    for span, kind in sports_kinds(r.readable, r.spans, is_country).items():
        if not r.held(*span):
            r.strong[span] = kind


def initials_make_people(r: Repair) -> None:
    """"P. Simmons", "J.R. Smith": initials before a surname make a person."""
    for m in INITIALS.finditer(r.readable):
        initials = m.group("i").replace(" ", "")
        if is_country(initials) or initials in NOT_INITIALS:
            continue
        if not any(x.overlaps(m.start(), m.end()) and x.kind != "PER" and x.end - x.start > m.end() - m.start()
                   for x in r.spans):
            r.strong.setdefault(m.span(), "PER")


def given_names_make_people(r: Repair) -> None:
    """A known given name and a surname make a person ("Linford Christie", read as a company), unless the
    model's span goes on to the right ("Bill Clinton Foundation"): words before it are a role."""
    for s, e in first_name_runs(r.readable, is_place=is_country):
        if not any(x.start <= s and e < x.end and x.kind != "PER" for x in r.spans) and not r.held(s, e):
            r.strong[(s, e)] = "PER"


def country_lists_share_a_kind(r: Repair) -> None:
    """Lists of "Name (Country)" - players, riders, clubs - are one kind of thing: the model's majority."""
    slots = [m.span("name") for m in NATION.finditer(r.readable) if is_country(m.group("c"))]
    if len(slots) < 3:
        return
    model_kind = {(x.start, x.end): x.kind for x in r.spans}
    kinds = Counter(k for k in (r.strong.get(slot) or model_kind.get(slot) for slot in slots) if k)
    if not kinds:
        return
    kind, n = kinds.most_common(1)[0]
    if kind in ("PER", "ORG") and n * 2 > sum(kinds.values()):
        for a, b in slots:
            if not is_country(r.readable[a:b]):
                r.strong.setdefault((a, b), kind)


def learn_the_articles_words(r: Repair) -> None:
    """Words of names the model found in full ("Wang Donghai", "Phil Simmons"): alone, they are that person."""
    r.lower = set(re.findall(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])", r.original))
    r.person_words = {w for s, e, k, _ in r.spans if k == "PER" and not r.original[s:e].isupper()
                      for w in _name_words(r.readable[s:e]) if w.lower() not in r.lower}


def countries_are_places(r: Repair) -> None:
    """Countries are names whatever the model saw: 'Marcelo Rios ( Chile )', 'Oldest Albania book'. A
    country's name is a place, whatever the model thought ("Belarus" the team, "Benin" the person),
    unless a person of that name is in the story ("Michael Jordan")."""
    for s, e in country_mentions(r.readable):
        if not any(x.overlaps(s, e) for x in r.spans) and not r.held(s, e):
            r.strong[(s, e)] = "LOC"
    for s, e, k, _ in r.spans:
        name = r.readable[s:e]
        if k in ("ORG", "PER", "MISC") and (s, e) not in r.strong and name not in r.person_words \
                and is_country(name):
            r.strong[(s, e)] = "LOC"


def ordinary_words_are_no_names(r: Repair) -> None:
    """A one-word "name" where any capital would do (line start, after a full stop, a headline) that the
    article also writes in lower case is an ordinary word: "Men 's singles" beside "the men's final"."""
    text = r.readable
    surnames = {text[s:e].split()[-1] for s, e, k, _ in r.spans if k == "PER" and " " in text[s:e]}
    r.spans = [x for x in r.spans if (x.start, x.end) in r.strong or not (
        text[x.start:x.end].isalpha() and _ordinary(text[x.start:x.end], r.lower)
        and _any_capital(r.original, x.start) and text[x.start:x.end] not in surnames)]


def roles_leave_names(r: Repair) -> None:
    """"Fullback Andre Joubert", "Councillor Ruth Abernathy": a first word the article also writes in lower
    case is a role, not part of the name. Three words or more only: in "Will Smith" the first word is a name."""
    out = []
    for span in r.spans:
        words = r.readable[span.start:span.end].split(" ")
        if span.kind == "PER" and len(words) >= 3 and words[0].isalpha() and words[0].lower() in r.lower:
            span = Span(span.start + len(words[0]) + 1, span.end, span.kind, "")
        out.append(span)
    r.spans = out


def headlines_keep_confirmed_words(r: Repair) -> None:
    """In a headline every word is a capital, so the model guesses at where names end: keep the words the
    article's ordinary lines write with a capital (or that stay acronyms), "Shearer" of "SHEARER NAMED"."""
    body_lines = [line for line in r.original.split("\n") if not shouts(line)]
    if len(body_lines) < r.original.count("\n") + 1 and body_lines:
        capitals = set(re.findall(r"[A-Z][\w'’.-]*", "\n".join(body_lines)))
        r.spans = [y for x in r.spans for y in _confirmed(r, x, capitals)]


def strong_spans_win(r: Repair) -> None:
    """Strong spans replace whatever the model put over them; the section slug is no name."""
    spans = [x for x in r.spans if not r.held(x.start, x.end)]
    spans += [Span(s, e, k, "") for (s, e), k in r.strong.items()]
    if r.slug_span:
        spans = [x for x in spans if (x.start, x.end) != r.slug_span]
    r.spans = spans


def listed_names_share_a_kind(r: Repair) -> None:
    spans = same_kind_in_lists(r.readable, sorted(r.spans), r.strong)
    spans = unintroduced_people(r.readable, spans, r.strong, is_town, is_country, r.sporty)
    r.spans = places_not_organisations(r.readable, spans, r.strong, is_country_or_town, r.sporty)


def one_string_one_type(r: Repair) -> None:
    """A strong span decides its string's type, then people's name words, then the majority. "Talbridge"
    after "Talbridge Mining Corp": the first word of a company's name stands for it."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for s, e, k, _ in r.spans:
        votes[r.readable[s:e]][k] += 1
        if (s, e) in r.strong:
            r.decided.setdefault(r.readable[s:e], k)
    for word in r.person_words:
        r.decided.setdefault(word, "PER")
    for name, counter in votes.items():
        if name not in r.decided:
            (top, n), *rest = counter.most_common(2) + [(None, 0)]
            if n > rest[0][1]:
                r.decided[name] = top
    for s, e, k, _ in r.spans:
        words = r.readable[s:e].split()
        if k == "ORG" and len(words) > 1 and not r.original[s:e].isupper():
            head = words[0]
            if head.isalpha() and len(head) > 3 and head[1:].islower() and head.lower() not in r.lower \
                    and head not in r.decided and not is_country(head):
                r.decided[head] = "ORG"


def apply_one_type(r: Repair) -> None:
    out = []
    for s, e, k, label in r.spans:
        kind = r.decided.get(r.readable[s:e], k) if (s, e) not in r.strong else k
        out.append(Span(s, e, kind, label if kind == k else ""))
    r.spans = out


def find_missed_mentions(r: Repair) -> None:
    """Every whole-word occurrence of a decided name the model missed is added, labelled "+"."""
    taken = sorted((s, e) for s, e, _, _ in r.spans)
    for name, kind in r.decided.items():
        if name in NEVER_PROPAGATE or len(name) < 2 or not name[0].isupper():
            continue
        for s in occurrences(r.readable, name):
            e = s + len(name)
            if r.slug_span and (s, e) == r.slug_span:
                continue
            if not any(a < e and s < b for a, b in taken):
                r.spans.append(Span(s, e, kind, "+"))
                taken.append((s, e))


def dates_and_time_zones_are_no_names(r: Repair) -> None:
    """"June", "Sept" alone are dates, not organisations or places (but Theresa May is a person);
    "midnight GMT" is a time."""
    text = r.readable
    r.spans = [x for x in r.spans if x.kind == "PER" or not DATE_WORD.fullmatch(text[x.start:x.end])]
    r.spans = [x for x in r.spans if text[x.start:x.end] not in TIME_ZONES]


def join_neighbouring_names(r: Repair) -> None:
    r.spans = no_overlaps(with_particles(r.readable, join_names(r.readable, sorted(r.spans))))


RULES: tuple[Callable[[Repair], None], ...] = (
    tidy_spans, read_section_slug, check_with_word_lists, datelines_are_places,
    teams_in_results, teams_either_side_of_versus, venues_and_players,
    initials_make_people, given_names_make_people, country_lists_share_a_kind,
    learn_the_articles_words, countries_are_places, ordinary_words_are_no_names, roles_leave_names,
    headlines_keep_confirmed_words, strong_spans_win, listed_names_share_a_kind,
    one_string_one_type, apply_one_type, find_missed_mentions, dates_and_time_zones_are_no_names,
    join_neighbouring_names,
)


def refine(original: str, readable: str, spans: list[Span], fixed: list[Span] = ()) -> list[Span]:
    """Article-level repair; `readable` is the truecased text (same offsets), `fixed` spans are kept as given."""
    repair = Repair(original, readable, [Span(*x) for x in spans], {(s, e): k for s, e, k, _ in fixed})
    for rule in RULES:
        rule(repair)
    return repair.spans


def _name_words(name: str) -> list[str]:
    """Words of a full name that can stand for the person alone: not initials, titles or particles."""
    words = name.split()
    if len(words) < 2:
        return []
    return [w for w in words if len(w) > 2 and w[0].isupper() and w[1:].islower() and w.isalpha()
            and w.lower() not in _PARTICLES and w not in NEVER_PROPAGATE]


def _confirmed(r: Repair, span: Span, capitals: set[str]) -> list[Span]:
    """The longest run of words in a headline span that the article's body confirms as name words."""
    original, readable = r.original, r.readable
    s, e, kind, label = span
    if (s, e) in r.strong or not original[s:e].isupper() or kind == "LOC":  # place names: the gazetteer checks
        return [span]
    line_start = original.rfind("\n", 0, s) + 1
    if not shouts(original[line_start:original.find("\n", e) if "\n" in original[e:] else len(original)]):
        return [span]
    best, run = [], []
    for m in re.finditer(r"\S+", readable[s:e]):
        a, b = m.start() + s, m.end() + s
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
    return [Span(best[0][0], best[-1][1], kind, label if (best[0][0], best[-1][1]) == (s, e) else "")]


def _any_capital(text: str, start: int) -> bool:
    """Would a capital be written here even for an ordinary word?"""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:text.find("\n", start) if "\n" in text[start:] else len(text)]
    before = text[line_start:start].rstrip()
    return not before or before[-1] in ".!?:\"“" or sum(w.isupper() for w in line.split()) * 2 > len(line.split())


def _ordinary(word: str, lower: set[str]) -> bool:
    """Written in lower case in this article, or in news prose at large ('Attendance', 'Standings')."""
    return word.lower() in lower or (is_common_word(word) and not (word.isupper() and len(word) <= 3))  # "US"
