"""Subheadings trafilatura dropped are put back before the paragraph they head; furniture is not."""

import lxml.html

from localwire.articles.extract.body import Block
from localwire.articles.extract.headings import restore_headings

PAGE = """<html><body><article>
<h1>Winter sleep guide</h1>
<p>Children need different amounts of sleep at different ages, the county health team said on Monday.</p>
<h2>How many naps do toddlers need?</h2>
<p>Most toddlers take one nap a day by their second birthday, usually after lunch.</p>
<h3>Join our parenting newsletter</h3>
<p>Get tips like these every Friday in your inbox from the health team.</p>
<h2>What if bedtime is a struggle?</h2>
<ul><li>Keep the same routine every night, even at weekends.</li><li>Turn screens off an hour before bed.</li></ul>
<h2>Sponsored</h2>
<div class="promo"><p>Shop our range of blackout blinds for every window in the house.</p></div>
</article>
<aside class="related"><h2>More from Health</h2><p>Flu jabs open to all over-65s from next week at every surgery.</p></aside>
</body></html>"""


def kept_by_trafilatura() -> list[Block]:
    """What trafilatura kept of the page: paragraphs and the list, no subheadings."""
    items = ["Keep the same routine every night, even at weekends.", "Turn screens off an hour before bed."]
    first = "Children need different amounts of sleep at different ages, the county health team said on Monday."
    return [
        Block("p", text=first),
        Block("p", text="Most toddlers take one nap a day by their second birthday, usually after lunch."),
        Block("p", text="Get tips like these every Friday in your inbox from the health team."),
        Block("list", text="\n".join(items), items=items),
        Block("p", text="Flu jabs open to all over-65s from next week at every surgery."),
    ]


def test_dropped_subheadings_are_put_back_in_place():
    blocks = restore_headings(lxml.html.fromstring(PAGE), kept_by_trafilatura())
    assert [(b.kind, b.text[:30]) for b in blocks] == [
        ("p", "Children need different amount"),
        ("h", "How many naps do toddlers need"),
        ("p", "Most toddlers take one nap a d"),
        ("p", "Get tips like these every Frid"),  # the newsletter heading stays out
        ("h", "What if bedtime is a struggle?"),
        ("list", "Keep the same routine every ni"),
        ("p", "Flu jabs open to all over-65s "),  # a sidebar's heading stays out
    ]


def test_nothing_is_added_where_trafilatura_kept_the_headings():
    blocks = kept_by_trafilatura()
    blocks.insert(1, Block("h", text="How many naps do toddlers need?"))
    restored = restore_headings(lxml.html.fromstring(PAGE), blocks)
    assert [b.text for b in restored] == [b.text for b in blocks]
