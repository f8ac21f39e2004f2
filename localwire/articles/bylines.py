"""Who an article is by when that is not only its publisher: a list sets it on the rows it shows.

A contributor's post is stored as an article of a house publisher, but a card should name the
contributor. The app that knows (contributors) sits above every layer that builds a list (search,
the personal feeds, the web pages), so it registers here, in its ``AppConfig.ready()``, a function
that sets its attribute on a whole page of articles in one query; lists call ``attach_bylines``.
"""

from __future__ import annotations

from typing import Callable, Iterable

from localwire.articles.models import Article

Attacher = Callable[[list[Article]], object]

_attachers: dict[str, Attacher] = {}


def register(name: str, attach: Attacher) -> None:
    """Registering a name again replaces what it registered (``ready()`` may run more than once)."""
    _attachers[name] = attach


def attach_bylines(articles: Iterable[Article]) -> list[Article]:
    """Runs every registered attacher over the page once, and returns the page as a list."""
    articles = list(articles)
    if articles:
        for attach in _attachers.values():
            attach(articles)
    return articles
