"""Comment rules as plain functions: a suspicion score over the text, and safe rendering.

``score`` never decides to delete anything: a comment that scores ``HOLD_AT`` or more is held
for a moderator, who approves or hides it. Duplicates are the one thing refused outright, and
the author is told so. ``render`` is the only way a comment body becomes HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from localwire.articles.markdown import WRITTEN_ADDRESS

HOLD_AT = 1.0
MAX_LINKS = 2
NEW_ACCOUNT = timedelta(days=1)
DUPLICATE_WINDOW = timedelta(hours=24)
REPORTS_TO_HOLD = 3

# Abuse a local-news site should not publish unseen. Short on purpose: it holds, never deletes,
# so a false hit costs a moderator a click. Matched as whole words, case-insensitively.
ABUSIVE_WORDS = frozenset({
    "idiot", "idiots", "moron", "morons", "imbecile", "scumbag", "scumbags", "retard", "retards",
    "subhuman", "vermin", "kys", "whore", "slut", "bastard", "bastards", "cretin",
})
ABUSIVE_PHRASES = ("kill yourself", "go die", "should be shot", "hope you die")

WORD = re.compile(r"[^\W\d_]+")
REPEATS = re.compile(r"(.)\1{5,}")  # six of one character in a row: "!!!!!!", "sooooooo"
TRAILING = ".,;:!?)]}"


@dataclass
class Verdict:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)

    @property
    def hold(self) -> bool:
        return self.score >= HOLD_AT


def normalise(text: str) -> str:
    """What two comments must share to count as the same: case and spacing do not matter."""
    return " ".join(text.lower().split())


def links_in(text: str) -> list[str]:
    return WRITTEN_ADDRESS.findall(text)


def listed_words(text: str) -> list[str]:
    """The words and phrases of the abuse list in ``text``, sorted. Words match whole and in any case
    ("idiotic" is not "idiot"); phrases match as substrings of the lower-cased text. Contributors'
    posts are held by the same list, so it lives in one place."""
    lowered = text.lower()
    words = WORD.findall(lowered)
    return sorted({w for w in words if w in ABUSIVE_WORDS} | {p for p in ABUSIVE_PHRASES if p in lowered})


def score(text: str, *, account_age: timedelta | None = None) -> Verdict:
    """How suspicious a comment is, and why. Scores of ``HOLD_AT`` and more are held."""
    verdict = Verdict()
    links = links_in(text)
    if len(links) > MAX_LINKS:
        verdict.add(HOLD_AT, f"{len(links)} links")
    elif links and account_age is not None and account_age < NEW_ACCOUNT:
        verdict.add(HOLD_AT, "a link from an account less than a day old")
    hits = listed_words(text)
    if hits:
        verdict.add(HOLD_AT, "abusive words: " + ", ".join(hits))
    letters = [c for c in WRITTEN_ADDRESS.sub("", text) if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        verdict.add(0.5, "mostly capital letters")
    if REPEATS.search(text):
        verdict.add(0.5, "a character repeated many times")
    return verdict


def _span(length: timedelta) -> str:
    """'a day', '3 days', '12 hours': how the rules' own durations read in a sentence."""
    hours = round(length.total_seconds() / 3600)
    if hours % 24 == 0:
        days = hours // 24
        return "a day" if days == 1 else f"{days} days"
    return "an hour" if hours == 1 else f"{hours} hours"


def link_rule(account_age: timedelta | None) -> str:
    """What the comment form tells this author about links: the rule ``score`` holds by, in words.

    Made from ``NEW_ACCOUNT`` and ``MAX_LINKS``, so the form cannot promise what moderation does not do.
    """
    if account_age is not None and account_age < NEW_ACCOUNT:
        return (f"Links from new accounts wait for a moderator: while your account is less than "
                f"{_span(NEW_ACCOUNT)} old, a comment with a link is held for review.")
    return f"Links are fine, up to {MAX_LINKS}; a comment with more waits for a moderator."


def hold_rules() -> list[str]:
    """The automatic holds of ``score`` as the community policy lists them."""
    return [
        f"more than {MAX_LINKS} links",
        f"a link from an account less than {_span(NEW_ACCOUNT)} old",
        "a word or phrase on our list of abuse",
        "text that is mostly capital letters and also repeats one character many times",
        f"{REPORTS_TO_HOLD} reports from readers",
    ]


def _link(url: str) -> str:
    # ``url`` only ever starts with http(s):// and holds no quotes, spaces or angle brackets;
    # escaping it still turns any ``&`` into ``&amp;``, as an attribute wants.
    return f'<a href="{escape(url)}" rel="nofollow ugc noopener">{escape(url)}</a>'


def _inline(text: str) -> str:
    out, last = [], 0
    for match in WRITTEN_ADDRESS.finditer(text):
        url = match.group(0)
        while url and url[-1] in TRAILING:  # "see https://x.org." links without the full stop
            url = url[:-1]
        out.append(escape(text[last:match.start()]))
        out.append(_link(url) if len(url) > len("https://") else escape(url))
        last = match.start() + len(url)
    out.append(escape(text[last:]))
    return "<br>".join("".join(out).split("\n"))


def render(text: str) -> SafeString:
    """A comment as HTML: every character escaped, http(s) links made links, blank lines paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    return mark_safe("".join(f"<p>{_inline(p)}</p>" for p in paragraphs))
