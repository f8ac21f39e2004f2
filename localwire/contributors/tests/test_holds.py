"""The automatic review rules: each one holds what it should and lets the rest through."""

from __future__ import annotations

import pytest

from localwire.articles.markdown import read_markdown
from localwire.contributors.holds import (
    CopyHit, copied_hold, copied_text, holds_for, host_of, listed_words, outside_hosts, too_many_outside_sites,
    too_many_today,
)
from localwire.stories.syndicated import band_candidates, syndicate
from localwire.stories.syndication import band_keys, containment, shingles, signature
from localwire.testing.factories import ArticleFactory, PublisherFactory

BUDGET = [
    "The Millbrook city council approved a budget of 48 million dollars on Tuesday night after a "
    "four hour meeting in which more than sixty residents asked to speak about library hours.",
    "Council member Dana Ortiz said the plan keeps every branch library open on Saturdays for the "
    "first time since 2019, paid for by delaying the repaving of Harbor Street by one year.",
    "The public works director warned that the delay would raise the cost of the repaving later, "
    "because the road base under the eastern half of Harbor Street is already breaking apart.",
    "Residents of the Eastside neighbourhood told the council that school buses already avoid the "
    "street and that children walk past open potholes on their way to Lincoln Elementary.",
    "The budget passed five votes to two, and the mayor said a bond measure for road repairs could "
    "go before voters in November if the state does not raise its share of highway money.",
]
OWN = [
    "I went to the meeting with my neighbours from Willow Court because our street floods every "
    "spring and nobody at city hall has ever told us when the drains will be cleared out.",
    "After the vote we asked the clerk for the drainage schedule and were promised an answer by "
    "Friday, which we will publish here together with the photographs we took of the corner.",
]


@pytest.fixture
def budget_article(db):
    article = ArticleFactory(publisher=PublisherFactory(name="Cascade Courier"), title="Council approves budget",
                             text="\n\n".join(BUDGET))
    syndicate(article)  # stores its LSH bands, as the pipeline does after every article
    return article


def test_a_post_copying_most_of_an_article_is_held_naming_it(budget_article):
    copied = [f"## What happened\n\n{BUDGET[0]}", BUDGET[1].replace("Dana Ortiz", "[Dana Ortiz](https://x.org/do)"),
              BUDGET[2], OWN[0]]  # 60 % of the article, dressed in Markdown, and a paragraph of one's own
    hit = copied_text("\n\n".join(copied))
    assert hit is not None and hit.article_id == budget_article.pk
    assert (hit.title, hit.publisher) == ("Council approves budget", "Cascade Courier")
    assert 0.6 < hit.share < 0.9
    [hold] = holds_for("Budget night", "\n\n".join(copied), 1)
    assert hold.code == "copied" and "'Council approves budget' by Cascade Courier" in hold.message


def test_reordered_paragraphs_are_still_a_copy(budget_article):
    hit = copied_text("\n\n".join(reversed(BUDGET)))
    assert hit is not None and hit.article_id == budget_article.pk and hit.share > 0.9


def test_a_post_quoting_two_sentences_is_not_held(budget_article):
    body = "\n\n".join([OWN[0], f"> {BUDGET[0]}\n>\n> {BUDGET[4]}", OWN[1], OWN[0].replace("Willow", "Elm")])
    assert copied_text(body) is None and holds_for("Our street", body, 1) == []


def test_the_share_asked_is_of_the_post_not_of_the_shorter_text(db):
    short = ArticleFactory(text=BUDGET[3] + " " + BUDGET[4])
    syndicate(short)
    body = "\n\n".join([OWN[0], BUDGET[3] + " " + BUDGET[4], OWN[1]])  # the whole article, in more of one's own
    found = shingles(read_markdown(body).text)
    assert short.pk in band_candidates(band_keys(signature(found)))  # it is looked at...
    assert containment(found, shingles(short.text)) == 1.0  # ...syndication would call it a copy...
    assert copied_text(body) is None  # ...but less than half of the post is the article's


def test_the_authors_own_published_posts_are_not_copies(budget_article):
    body = "\n\n".join(BUDGET)
    assert copied_text(body) is not None
    assert copied_text(body, own_articles=[budget_article.pk]) is None


def test_too_short_a_post_is_never_a_copy(budget_article):
    assert copied_text(BUDGET[0][:80]) is None


def test_the_copied_message_speaks_to_the_contributor():
    hold = copied_hold(CopyHit(1, "Council approves budget", "Cascade Courier", 0.7291))
    assert hold.message == ("Most of this text (72 %) is in 'Council approves budget' by Cascade Courier, already "
                            "published here. Quote it briefly and link to it, or write it in your own words.")
    assert copied_hold(CopyHit(1, "T", "P", 0.5)).message.startswith("Half of this text (50 %)")
    assert copied_hold(CopyHit(1, "T", "P", 1.0)).message.startswith("All of this text (100 %)")


FOUR_SITES = """See [the agenda](https://www.a.example/agenda), the [minutes][m] and <https://b.example/video>.
The state's figures are at https://c.example/table. and <a href="http://d.example/">the union</a>.

[m]: https://A.example/minutes
"""


def test_four_outside_sites_are_held_and_three_are_not(settings):
    assert outside_hosts(FOUR_SITES) == ["a.example", "b.example", "c.example", "d.example"]
    hold = too_many_outside_sites(FOUR_SITES)
    assert hold.code == "links" and "4 outside sites (a.example, b.example, c.example, d.example)" in hold.message
    assert too_many_outside_sites(FOUR_SITES.replace("d.example", "c.example")) is None
    settings.LOCALWIRE_POST_MAX_LINK_HOSTS = 4
    assert too_many_outside_sites(FOUR_SITES) is None


def test_the_sites_own_host_and_what_is_no_link_do_not_count():
    body = FOUR_SITES + "\nMore [on our site](/story/12/) and [here](https://news.example:8443/x), `https://e.example`, " \
                        "[mail](mailto:desk@f.example) and [bad](javascript:alert(1))."
    assert outside_hosts(body, "news.example:8443") == ["a.example", "b.example", "c.example", "d.example"]
    assert too_many_outside_sites(body.replace("d.example", "www.news.example"), "news.example") is None


def test_hosts_are_named_as_a_reader_would():
    assert host_of("HTTPS://WWW.Bücher.de./x") == "xn--bcher-kva.de"
    assert host_of("https:\\\\evil.example/") == host_of("https:/evil.example") == "evil.example"
    assert host_of("ftp://files.example/") == host_of("/local") == host_of("http://[bad") == ""


def test_listed_words_match_whole_words_in_title_and_text():
    hold = listed_words("Council meeting", "The chair called him an Idiot in public.")
    assert hold.code == "words" and "(idiot)" in hold.message
    assert listed_words("Idiots on the council", "Nothing else.") is not None
    assert listed_words("Council meeting", "An idiotic plan, some said.") is None
    assert listed_words("Council meeting", "See [the ruling](https://court.example/idiot-rule).") is None


def test_the_daily_limit_counts_this_submission(settings):
    assert too_many_today(5) is None
    hold = too_many_today(6)
    assert hold.code == "daily" and "6 posts today; past 5 a day" in hold.message
    settings.LOCALWIRE_POST_DAILY_LIMIT = 1
    assert too_many_today(1) is None and too_many_today(2) is not None


def test_holds_come_in_order_copied_links_words_daily(budget_article):
    body = "\n\n".join(reversed(BUDGET)) + "\n\nWhat idiots.\n\n" + FOUR_SITES
    assert [h.code for h in holds_for("Budget", body, 9)] == ["copied", "links", "words", "daily"]
    assert holds_for("Budget", "\n\n".join(OWN), 2, "news.example") == []


def test_reading_markdown_keeps_text_and_every_kind_of_link():
    reading = read_markdown("# Head\n\n[a](https://a.example) <https://b.example> ![the photo](https://i.example/p.png)\n\n"
                   "<p>raw <a href='https://h.example'>link</a></p>\n\n```\nhttps://code.example\n```")
    assert "https://a.example" in reading.links and "https://h.example" in reading.links
    assert "https://code.example" not in reading.links and "https://i.example/p.png" not in reading.links
    assert all(word in reading.text for word in ("Head", "the photo", "raw", "link"))
    assert "a.example" not in reading.text.replace("https://b.example", "")
