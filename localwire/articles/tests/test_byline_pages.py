"""Bylines found on pages that declare no author: where real pages print them, and what is not one."""

import pytest

from localwire.articles.extract import extract

STORY = ("<p>The county fair opened on Friday with a record number of livestock entries and a new "
         "tractor-pull arena built by volunteers over the summer.</p>" * 6)


def page(head: str = "", before: str = "", after: str = "") -> str:
    return (f"<html><head><title>Fair opens</title>{head}</head><body><article><h1>Fair opens</h1>{before}"
            f"{STORY}{after}</article></body></html>")


CASES = [
    # Label, name and job title in three blocks: no "BySummer HaleTech Reporter".
    ("label-name-title-in-blocks",
     page(before='<div class="post-meta"><div>By</div><div>Summer Hale</div><div>Tech Reporter</div></div>'),
     ["Summer Hale"]),
    # A link to the writer's page on the publisher's own site.
    ("author-page-link", page(before='<p><a href="/authors/nia-okafor">Nia Okafor</a> | March 3</p>'), ["Nia Okafor"]),
    # Co-authors linked in one list, in a metadata panel beside the story.
    ("co-author-links", page(before='<aside class="story-meta"><h6>Author(s)</h6><ul>'
                                    '<li><a href="/library/?_author=Ada%20Lund">Ada Lund</a></li>'
                                    '<li><a href="/library/?_author=Teo%20Marsh">Teo Marsh</a></li></ul></aside>'),
     ["Ada Lund", "Teo Marsh"]),
    # "Written by" in one element, the name in the next.
    ("label-then-name", page(before="<div><p>Written by</p><p>Edgar Lindqvist</p></div>"), ["Edgar Lindqvist"]),
    ("author-heading", page(after="<div><h3>Author</h3><p>Rosa M. Delgado</p></div>"), ["Rosa M. Delgado"]),
    # An empty meta author first, the real one after it.
    ("empty-meta-first", page(head='<meta name="author" content=" "><meta name="author" content="Ines Walker">'),
     ["Ines Walker"]),
    # Link-preview labels: twitter:label1 "Written by", twitter:data1 the name.
    ("twitter-label", page(head='<meta name="twitter:label1" content="Written by">'
                                '<meta name="twitter:data1" content="Tariq Bell">'), ["Tariq Bell"]),
    # JSON-LD names only a handle; the page prints the real name.
    ("handle-then-printed-name",
     page(head='<script type="application/ld+json">{"@type": "NewsArticle", "author": "fairdesk22"}</script>',
          before="<p>Author: Priya Raman</p>"), ["Priya Raman"]),
    # Only a user name in the page's author field, and no name printed: the user name stands.
    ("handle-alone", page(head='<meta name="author" content="aawoods">'), ["aawoods"]),
    # A byline with the date after a bullet.
    ("byline-with-date", page(before='<div class="post-byline">By Haley Moss &bull; <span>May 2, 2026</span></div>'),
     ["Haley Moss"]),
]


@pytest.mark.parametrize("name, html, authors", CASES, ids=[c[0] for c in CASES])
def test_byline_found_where_the_page_prints_it(name, html, authors):
    assert extract(html, "https://fairpost.example.org/news/fair-opens").authors == authors


NOT_BYLINES = [
    # A commenter is not the writer.
    ("commenter", page(after='<div class="comments"><p>Posted by Gary Olsen</p><p>Great fair!</p></div>')),
    # A profile on a social network is not an author page.
    ("social-profile", page(after='<div class="site-links"><a href="https://bsky.app/profile/fairpost.bsky.social">'
                                  "Blue Sky</a></div>")),
    # A sentence opening with "By" is the story.
    ("by-sentence", page(before="<p>By adopting the new schedule, organisers hope to avoid long queues.</p>")),
    # An outlet, a section label and an agency acronym are not people.
    ("organisation-meta", page(head='<meta name="author" content="Harbor Valley Clinic">')),
    ("section-label", page(before='<span class="author">Personal finance</span>')),
    ("acronym", page(head='<meta name="author" content="CDC">')),
    ("admin-handle", page(head='<meta name="author" content="admin">')),
    # A menu linking to a columnist's page.
    ("menu-link", page(before='<ul class="menu"><li><a href="/author/hk-actuary/">Hong Kong Actuary</a></li></ul>')),
]


@pytest.mark.parametrize("name, html", NOT_BYLINES, ids=[c[0] for c in NOT_BYLINES])
def test_what_is_not_a_byline_gives_no_author(name, html):
    assert extract(html, "https://fairpost.example.org/news/fair-opens").authors == []
