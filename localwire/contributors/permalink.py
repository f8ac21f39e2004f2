"""A published post's own address, ``/contributor/<slug>/posts/<id>``: the canonical URL of its
article (``publish.post_path``), which feeds and copies point to. It leads to the article page,
where the post is read; a post not published (or taken down) is not there to be found."""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect

from localwire.contributors.models import Post


def post_page(request, slug: str, post_id: int):
    post = (Post.objects.select_related("article")
            .filter(pk=post_id, contributor__slug=slug, status=Post.Status.PUBLISHED).first())
    if post is None or post.article is None:
        raise Http404("No such post.")
    return HttpResponsePermanentRedirect(post.article.get_absolute_url())
