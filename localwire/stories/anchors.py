"""Where, when and who: the anchors that tell two events of one kind apart (two earthquakes, two
coaches fired, two title fights of one boxer) when their words agree.

An article is put in a story as soon as it is stored, before ``localwire.nlp`` analyses it, so its
anchors are read cheaply from the headline and lead (the lead carries the event, background comes
later): its days (``event_days``), its areas (``event_places``) and its people (``event_people``).
A story keeps its members' anchors as counts. An article *clashes* with a story when both say
something about one kind of anchor and what they say cannot be the same event; ``clustering.Rule``
weighs each clash down, so near-identical coverage still joins and same-kind events need more.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from localwire.stories.event_days import event_days, weekday
from localwire.stories.event_people import people, word_counts
from localwire.stories.event_places import event_places

LEAD_CHARACTERS = 600  # the headline plus about three sentences
DAY_TOLERANCE = 3  # reports of one event name days this close (the eve, the morning after, the funeral)
DOMINANT_SHARE = 0.5  # a story's place, weekday or person counts when named half as often as its most named
KEY_MENTIONS = 3  # an article's protagonists: the people it names most (up to KEY_PEOPLE), three times or more
KEY_PEOPLE = 5
STORY_PEOPLE = 40  # a story keeps this many of its most named people
KNOWN_SHARE = 0.7  # the share of its protagonists' mentions an article shares with its own story, at least


@dataclass(frozen=True)
class Anchors:
    days: frozenset = frozenset()  # date ordinals the lead names
    weekdays: frozenset = frozenset()  # 0 = Monday: weekdays named where nothing dated them
    areas: frozenset = frozenset()  # "DE", "US", "US-AK": countries, and US states
    people: frozenset = frozenset()  # surnames of its protagonists
    cities: frozenset = frozenset()  # GeoNames ids
    words: frozenset = frozenset()  # every word of the article, lower case: compared, never stored
    mentions: tuple = ()  # (surname, times named) for each protagonist: how much of the article is theirs

    @classmethod
    def of_story(cls, counts: dict) -> Anchors:
        """A story's anchors as an article's, to compare two stories as an article is compared with one."""
        keys = {kind: frozenset(k[1:] for k in counts if k[0] == kind) for kind in "dwapc"}
        return cls(frozenset(map(int, keys["d"])), frozenset(map(int, keys["w"])), keys["a"], keys["p"],
                   frozenset(map(int, keys["c"])), keys["p"], tuple((k[1:], n) for k, n in counts.items() if k[0] == "p"))

    def as_counts(self) -> dict[str, int]:
        """Short string keys, one per anchor (JSON in the tables): d<ordinal>, w<weekday>, a<area>,
        c<GeoNames id>, each 1; p<surname>, the times the article names them."""
        keys = ([f"d{d}" for d in self.days] + [f"w{w}" for w in self.weekdays] + [f"a{a}" for a in self.areas]
                + [f"c{c}" for c in self.cities])
        named = dict(self.mentions)
        return {key: 1 for key in keys} | {f"p{p}": named.get(p, 1) for p in self.people}


def read_anchors(title: str, text: str, published_at: datetime | None = None, places=None,
                 with_people: bool = True) -> Anchors:
    """``places``: the gazetteer, loaded on first use when not given. ``with_people`` False leaves the
    people and words out (a rule that weighs no clash of protagonists need not read them)."""
    if places is None:
        from localwire.nlp.gazetteer import gazetteer

        places = gazetteer()
    lead = f"{title}\n{text[:LEAD_CHARACTERS]}"
    days, weekdays = event_days(lead, published_at)
    areas, cities = event_places(text, lead, places)
    words = word_counts(title, text) if with_people else {}
    named = people(text, words) if with_people else Counter()
    key_people = [(p, n) for p, n in named.most_common(KEY_PEOPLE) if n >= KEY_MENTIONS]
    return Anchors(frozenset(days), frozenset(weekdays), frozenset(areas), frozenset(p for p, _ in key_people),
                   frozenset(cities), frozenset(words), tuple(key_people))


def add_counts(counts: dict, more: dict) -> dict:
    """A story's anchors after another article (or story) joins it; its people cut to the most named."""
    total = dict(counts)
    for key, n in more.items():
        total[key] = total.get(key, 0) + n
    named = sorted((k for k in total if k[0] == "p"), key=lambda k: (-total[k], k))
    for key in named[STORY_PEOPLE:]:
        del total[key]
    return total


def clashes(article: Anchors, story: dict, vector: dict | None = None) -> list[str]:
    """What sets the article's event apart from the story's, by kind:

    - "place": both name areas and share no country (or, both in the United States, no state);
    - "date": both name days and none is within ``DAY_TOLERANCE`` of one of the story's; where
      either has only weekdays, they share none;
    - "who": most of the article's protagonists are strangers to the story, and most of the
      story's main people go unnamed in the article (Klitschko–Rahman is not Klitschko–Thompson:
      Klitschko is in both, the opponent in one). ``vector``: the story's heaviest terms, where a
      person it names often but never as a protagonist still shows.

    The story's places and weekdays are those most of its articles name (``_dominant``), so one
    stray report does not make every later one agree with it; its days are all of them, as
    coverage moves on day by day."""
    found = []
    if _apart(article.areas, _dominant(story, "a")):
        found.append("place")
    if _another_day(article, story):
        found.append("date")
    if _strangers(article, story, vector or {}):
        found.append("who")
    return found


def continues(article: Anchors, story: dict) -> bool:
    """The article goes on with the story: it names the story's main city and a day close to one of
    the story's (the next day of the protests, the funeral after the fire)."""
    story_days = {int(k[1:]) for k in story if k[0] == "d"}
    return (bool(article.cities & {int(c) for c in _dominant(story, "c")}) and bool(article.days and story_days)
            and min(abs(a - b) for a in article.days for b in story_days) <= DAY_TOLERANCE)


def through(story: dict, last_seen: datetime | None) -> dict:
    """A story's anchors with the day of its latest article among its days: coverage runs up to
    it, so a report of today's turn (power back on, five days after the outage began) is not
    another day's event while the story is still being written."""
    return story if last_seen is None else story | {f"d{last_seen.date().toordinal()}": 1}


def _strangers(article: Anchors, story: dict, vector: dict) -> bool:
    """Weighed by how often each is named, less than ``KNOWN_SHARE`` of the article's protagonists
    are known to the story, and less than that of the story's main people are named in the article.
    Both ways, so a report that adds a witness to a story, or leaves out its spokesman, still joins."""
    named = dict(article.mentions) or dict.fromkeys(article.people, 1)
    story_people = {k[1:]: n for k, n in story.items() if k[0] == "p"}
    if not named or not story_people:
        return False
    known = sum(n for p, n in named.items() if p in story_people or p in vector)
    main = _most_named(story_people)
    seen = sum(n for p, n in main.items() if p in article.words)
    return known < KNOWN_SHARE * sum(named.values()) and seen < KNOWN_SHARE * sum(main.values())


def _most_named(people: dict[str, int]) -> dict[str, int]:
    """The ``KEY_PEOPLE`` people a story names most, with any tied with the last."""
    cut = sorted(people.values(), reverse=True)[:KEY_PEOPLE][-1]
    return {p: n for p, n in people.items() if n >= cut}


def _another_day(article: Anchors, story: dict) -> bool:
    story_days = {int(k[1:]) for k in story if k[0] == "d"}
    if article.days and story_days:
        return min(abs(a - b) for a in article.days for b in story_days) > DAY_TOLERANCE
    story_weekdays = {int(k) for k in _dominant(story, "w")} | {weekday(d) for d in story_days}
    weekdays = set(article.weekdays) | {weekday(d) for d in article.days}
    return bool(weekdays and story_weekdays and not weekdays & story_weekdays)


def _dominant(counts: dict, kind: str) -> set[str]:
    named = {k[1:]: n for k, n in counts.items() if k[0] == kind}
    top = max(named.values(), default=0)
    return {k for k, n in named.items() if n >= DOMINANT_SHARE * top}


def _apart(areas: frozenset, other: set) -> bool:
    countries, other_countries = {a for a in areas if "-" not in a}, {a for a in other if "-" not in a}
    if countries and other_countries and not countries & other_countries:
        return True
    states, other_states = areas - countries, other - other_countries
    return bool(states and other_states and not states & other_states)
