"""A contributor who deletes their account: what goes, and what stays.

Published journalism stays. Readers linked to it, other outlets may cite it, and a story's
coverage would silently lose a piece; a newspaper does not unpublish a freelancer who leaves. So
the articles their posts became stay on the site, under the house publisher, with the byline
"a former contributor": their name goes with the account, as a reader who leaves expects.

Everything else of theirs goes: the profile, drafts, revisions, strikes and decisions (all
cascade from the user), and their channel with its follows and its links to articles (a channel
no one can post to any more would be a dead end in every follower's list).
"""

from __future__ import annotations

from django.db import transaction

from localwire.articles.models import Article
from localwire.caching import pages as pagecache
from localwire.channels.models import Channel
from localwire.contributors.models import Contributor, Post
from localwire.search.index import index_quietly

FORMER_CONTRIBUTOR = "a former contributor"


def contributor_leaving(user) -> dict[str, int]:
    """Runs inside ``community.actions.delete_account``'s transaction, before the user is deleted."""
    contributor = Contributor.objects.filter(user=user).first()
    if contributor is None:
        return {}
    kept = list(Article.objects.filter(contributor_post__contributor=contributor,
                                       contributor_post__status=Post.Status.PUBLISHED).values_list("pk", flat=True))
    Article.objects.filter(pk__in=kept).update(authors=[FORMER_CONTRIBUTOR])
    transaction.on_commit(lambda: index_quietly(kept))  # search found them by the name too
    counts = {"contributors.published_kept": len(kept)}
    if contributor.channel_id is not None:
        _, deleted = Channel.objects.filter(pk=contributor.channel_id).delete()
        counts.update(deleted)
    transaction.on_commit(pagecache.changed)  # cards and pages named them
    return counts
