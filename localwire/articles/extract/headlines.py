"""Headlines without the outlet's section name in front: "World: Ferry overturns …" is stored as
"Ferry overturns …".

Some outlets write their desk into the headline of every feed entry and page title. In a list
beside other outlets' headlines that word is noise. It is only taken off when it is a desk name:
one of the generic ones (``patterns.GENERIC_SECTIONS``) or the section the page itself declares
(``article:section``, JSON-LD ``articleSection``). A place or a subject before a colon is a
headline form ("Ukraine: talks resume") and stays.
"""

from __future__ import annotations

from typing import Iterable

from localwire.articles.extract.patterns import GENERIC_SECTIONS, MIN_HEADLINE_WORDS, SECTION_PREFIX


def without_section(title: str, sections: Iterable[str] = ()) -> str:
    """The headline with a leading section name and its colon removed, if it has one."""
    match = SECTION_PREFIX.match(title or "")
    if match is None:
        return title
    name = _key(match.group(1))
    rest = title[match.end():]
    known = GENERIC_SECTIONS | {_key(s) for s in sections if isinstance(s, str)}
    if name not in known or len(rest.split()) < MIN_HEADLINE_WORDS:
        return title
    return rest


def _key(name: str) -> str:
    return " ".join(name.lower().split())
