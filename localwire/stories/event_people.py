"""Who an article's event is about: the people it names most, by surname, read without a model.

A person is a run of two or three capitalised words inside a sentence that opens with a known given
name ("Tony Thompson", "Jim O'Brien") or follows a title ("President Serik Abenov", the title
dropped), holding no institution, place word or month; every later mention of the surname, alone or
not, counts for them. A capitalised run alone is no person: "American Pie", "Us Weekly" and
"Matanuska Maid" read as people once, and a false protagonist splits a story. Lines in headline case
are skipped: there every word is capitalised.
"""

from __future__ import annotations

import re
from collections import Counter

from localwire.nlp.tag_article import STOPWORDS
from localwire.nlp.lexicons import is_first_name

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_PERSON = re.compile(r"\b(?:[A-Z][a-z]{1,3}\.|[A-Z][a-z'’]+)(?:\s+[A-Z]\.)?(?:\s+[A-Z][A-Za-z'’-]+){1,3}")
_OPENS = set(".!?:\"“”'‘’—-(")  # what ends the text before a sentence's first word
_TITLES = set("""
president gov governor coach manager secretary minister judge senator sen rep mayor chief officer sgt lt capt
general director spokesman spokeswoman commissioner sheriff detective former acting prime deputy vice interior
foreign defense defence finance justice premier chancellor king queen prince princess pope dr mr mrs ms
""".split())
_NOT_PEOPLE = set("""
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday square plaza bridge airport station tower hall building
center centre club university college school church department county city street avenue road house court
hospital police party act administration company inc corp news press times post arena stadium park river lake
island beach valley north south east west new san los las saint fort mount united states national federal state
international association council committee ministry service agency commission society species
""".split())


def word_counts(title: str, text: str) -> Counter:
    """Every word of the article, lower case, possessives cut."""
    return Counter(map(bare, WORD.findall(f"{title}\n{text}")))


def people(text: str, words: Counter) -> Counter:
    """Surname (lower case) → how often the article (``words``: its ``word_counts``) names it."""
    prose = "\n".join(line for line in text.splitlines() if not _headline_case(line))
    surnames: Counter = Counter()
    for match in _PERSON.finditer(prose):
        run = match.group(0).split()
        if _opens_sentence(prose, match.start()) and run[0].lower() in STOPWORDS:
            run = run[1:]  # "The Bush administration": a sentence's first word may be any word
        titled = False
        while run and run[0].lower().strip(".") in _TITLES:
            run, titled = run[1:], True  # "President Serik Abenov"
        if len(run) >= 2 and (titled or is_first_name(run[0])) \
                and not any(w.lower().strip(".") in _NOT_PEOPLE for w in run):
            surname = bare(run[-1])
            surnames[surname] = words[surname]
    return surnames


def bare(word: str) -> str:
    """'Lohan's' → 'lohan'."""
    word = word.lower()
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _OPENS


def _headline_case(line: str) -> bool:
    """A short line not ending a sentence, most of its longer words capitalised."""
    words = [w for w in WORD.findall(line) if len(w) > 3]
    if line.rstrip().endswith((".", '"', "”")) or not 3 <= len(words) <= 20:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)
