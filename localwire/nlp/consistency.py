"""One article, one reading of each name: the model's mentions made consistent across the text.

The model labels each sentence on its own, so "Jeff Tarango" is a person in one line and
"Tarango" an organisation three lines later, or is missed in a results table. An editor
reads the whole piece; these passes do the same:

- a form keeps the type most of its mentions got ("Tarango" → the person's type);
- a person's surname alone is that person, and a person's name preceded by an initial
  ("K. Curran") takes the initial in;
- a name recognised once is found again where the model missed it;
- in sports results and standings ("Leeds 2 Chelsea 1", "Arsenal 12 8 2 2 24 10 26"), the
  names are teams (organisations), whatever place they are named after.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from localwire.nlp.entities import Entity

_NAME = r"[A-Z][\w.'’&-]*(?: (?:of |de |van |von )?[A-Z][\w.'’&-]*){0,3}"
RESULT_LINE = re.compile(rf"^\s*({_NAME}) (\d{{1,3}})(?: \(\d+\))?,? ({_NAME}) (\d{{1,3}})(?: \(\d+\))?\s*\.?\s*$", re.M)
STANDINGS_LINE = re.compile(rf"^\s*({_NAME})(?: \d{{1,4}}){{4,}}\s*$", re.M)
SCORE_LINE = re.compile(rf"^\s*({_NAME}) \d{{1,3}}(?:-\d{{1,2}})?(?: and \d{{1,3}}(?:-\d{{1,2}})?)?\b", re.M)
MIN_SCORE_LINES = 3
NAME_WITH_COUNTRY = re.compile(r"(?<![\w.])([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}) \( ?([A-Z][\w.]{1,11}(?: [A-Z][\w.]+)?) ?\)")
INITIAL_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“]))[A-Z]\. ?$")
MIN_FORM_CHARS = 3
TRAILING_NUMBER = re.compile(r"(?:\s+\d[\d.,-]*)+$")
INITIAL_AND_SURNAME = re.compile(r"^(?:[A-Z]\.\s?){1,2}[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?$")


def harmonise(text: str, entities: list[Entity]) -> list[Entity]:
    entities = [_tidy(text, e) for e in entities]
    entities = _teams_in_tables(text, entities)
    entities = _people_with_countries(text, entities)
    entities = _majority_types(entities)
    entities = _surnames_are_people(entities)
    entities = _with_initials(text, entities)
    entities = _found_again(text, entities)
    return sorted(entities, key=lambda e: e.start)


def _tidy(text: str, entity: Entity) -> Entity:
    """'Somerset 83' → 'Somerset'; 'K. Curran', an initial and a surname, is a person."""
    trimmed = TRAILING_NUMBER.sub("", entity.text)
    kind = "PER" if INITIAL_AND_SURNAME.match(trimmed) else entity.type
    if trimmed != entity.text or kind != entity.type:
        return Entity(trimmed, kind, entity.start, entity.start + len(trimmed), entity.label)
    return entity


def _key(form: str) -> str:
    return " ".join(form.split()).lower()


def _majority_types(entities: list[Entity]) -> list[Entity]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for entity in entities:
        votes[_key(entity.text)][entity.type] += 1
    out = []
    for entity in entities:
        (best, n), *rest = votes[_key(entity.text)].most_common()
        if best != entity.type and (not rest or n > rest[0][1]):
            entity = Entity(entity.text, best, entity.start, entity.end, entity.label)
        out.append(entity)
    return out


def _surnames_are_people(entities: list[Entity]) -> list[Entity]:
    surnames = {_key(e.text.split()[-1]) for e in entities if e.type == "PER" and len(e.text.split()) > 1}
    return [Entity(e.text, "PER", e.start, e.end, e.label)
            if e.type in ("ORG", "LOC") and " " not in e.text and _key(e.text) in surnames else e
            for e in entities]


def _with_initials(text: str, entities: list[Entity]) -> list[Entity]:
    out = []
    for entity in entities:
        before = INITIAL_BEFORE.search(text[max(0, entity.start - 3):entity.start])
        if entity.type == "PER" and before:
            start = entity.start - (len(before.group(0)))
            entity = Entity(text[start:entity.end], "PER", start, entity.end, entity.label)
        out.append(entity)
    return out


def _found_again(text: str, entities: list[Entity]) -> list[Entity]:
    """Unlabelled occurrences of a known form (or of a known person's surname) get its type."""
    known: dict[str, str] = {}
    for entity in entities:
        known.setdefault(entity.text, entity.type)
        words = entity.text.split()
        if entity.type == "PER" and len(words) > 1:
            known.setdefault(words[-1], "PER")
    taken = sorted((e.start, e.end) for e in entities)
    added = []
    for form, kind in known.items():
        if len(form) < MIN_FORM_CHARS or not form[:1].isupper():
            continue
        for match in re.finditer(rf"(?<![\w.-]){re.escape(form)}(?![\w-])", text):
            span = (match.start(), match.end())
            if _overlaps(span, taken) or _inside_capitalised_run(text, *span):
                continue
            added.append(Entity(form, kind, *span))
            taken.append(span)
    return entities + added


def _teams_in_tables(text: str, entities: list[Entity]) -> list[Entity]:
    spans = []
    for match in RESULT_LINE.finditer(text):
        spans += [match.span(1), match.span(3)]
    spans += [match.span(1) for match in STANDINGS_LINE.finditer(text)]
    score_lines = list(SCORE_LINE.finditer(text))
    if len(score_lines) >= MIN_SCORE_LINES:  # a results page: "Somerset 83 and 174", "Essex 225-6"
        people = [(e.start, e.end) for e in entities if e.type == "PER"]
        spans += [m.span(1) for m in score_lines  # a bowler's figures ("Such 4-38") stay a person's
                  if not _overlaps(m.span(1), people) and not INITIAL_AND_SURNAME.match(m.group(1))]
    if not spans:
        return entities
    out = [e for e in entities if not _overlaps((e.start, e.end), spans)]
    out += [Entity(text[s:e], "ORG", s, e) for s, e in spans]
    return out


def _people_with_countries(text: str, entities: list[Entity]) -> list[Entity]:
    """'Todd Martin (U.S.) beat ...', 'Irina Privalova (Russia) 7.12': a name followed by its
    country in brackets is an athlete's, a person's, unless the model read a place there."""
    out = list(entities)
    for match in NAME_WITH_COUNTRY.finditer(text):
        span = match.span(1)
        overlapping = [e for e in out if e.start < span[1] and span[0] < e.end]
        if any(e.type == "LOC" for e in overlapping):
            continue
        out = [e for e in out if e not in overlapping] + [Entity(match.group(1), "PER", *span)]
    return out


def _overlaps(span: tuple[int, int], spans) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _inside_capitalised_run(text: str, start: int, end: int) -> bool:
    """'Tarango' in 'Tarango Street' or 'Fort Tarango' is part of another name."""
    before = text[max(0, start - 20):start].rstrip(" ")
    after = text[end:end + 20].lstrip(" ")
    joined_before = before and text[start - 1:start] == " " and before.split(" ")[-1][:1].isupper() \
        and not before.endswith((".", ",", ":", ";"))
    joined_after = after and text[end:end + 1] == " " and after[:1].isupper()
    return bool(joined_before or joined_after)
