"""What contributors plugs into the layers below it, which build without knowing it is there.

``contributors/apps.py`` calls ``install()`` once the app registry is ready:

- every list names the contributor of an article that is a post (``articles.bylines``), one query
  a page (``queries.attach_contributors``);
- a reader who deletes their account takes their contributor channel along and leaves their
  published posts behind under "a former contributor" (``community.leaving``, ``departure``).
"""

from __future__ import annotations

from localwire.articles import bylines
from localwire.community import leaving
from localwire.contributors.departure import contributor_leaving
from localwire.contributors.queries import attach_contributors


def install() -> None:
    bylines.register("contributors", attach_contributors)
    leaving.register("contributors", contributor_leaving)
