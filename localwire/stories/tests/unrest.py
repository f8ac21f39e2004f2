"""A wire round-up of the demo's Almaty unrest, written for these tests the way agencies write them:
three days after the last report, in its own words, leading on the president's speech, quoting
foreign leaders, naming a former president in a photo caption and closing with its contributors in
other capitals. With its syndicated copy it
must join the demo's other reports of the same unrest (``localwire/demo/corpus/stories/
almaty-protests.json``), not start a story of its own."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from localwire.demo.corpus import load_corpus

WRAP_TITLE = "Kazakhstan's president says order is back after last week's deadly riots"
WRAP_TEXT = """ALMATY, Kazakhstan (AP) — Kazakhstan's president said Monday that order had been restored across the Central Asian nation after last week's riots, and that troops sent by a Moscow-led military alliance would start going home within two days.

Speaking to lawmakers by video link, President Serik Abenov defended his decision to let security forces fire without warning during the turmoil, which he called an attempted coup by "bandits and terrorists" trained abroad. He offered no evidence for the claim.

The violence, the worst since the country gained independence three decades ago, began with demonstrations over a sharp rise in fuel prices in the west of the country and spread to Almaty, the largest city, where rioters torched the mayor's office and briefly seized the airport.

Authorities said dozens of people were killed, among them 18 members of the security forces. Nearly 8,000 people have been detained nationwide, the Interior Ministry said Monday.

Chinese President Xi Jinping praised Abenov's handling of the crisis in a message to him, while Ursula von der Leyen, the European Commission president, said the European Union expected the rights of those detained to be respected. Russian President Vladimir Putin told a video summit of the alliance that its troops had prevented a revolution.

In Almaty, banks and markets reopened and the internet was back after a five-day shutdown, but soldiers still guarded key buildings and armored vehicles stood near the central square.

Former President Kairat Omarov, who ruled for nearly three decades and remained powerful after stepping down, has not been seen in public since the unrest began. Abenov removed him as head of the security council last week.

Photo: Former President Kairat Omarov attends a ceremony in the capital in 2019. (AP Photo/Vladimir Tretyakov, File)

Associated Press writers Anna Kuznetsova in Moscow, Markus Weber in Berlin and Liu Fang in Beijing contributed to this report."""
COPY_TITLE = "Order restored in Kazakhstan, president says; foreign troops to leave"
COPY_INTRO = "This story from The Associated Press appears under a content-sharing agreement."
NOW = datetime(2026, 1, 10, 20, tzinfo=timezone.utc)  # a Saturday: the demo's reports fall Tuesday to Friday
WRAP_MINUTES_AGO, COPY_MINUTES_AGO = -2640, -2700  # Monday afternoon, three days after the last report


def coverage() -> list[dict]:
    """The demo's Kazakhstan articles (the unrest and the grain law, a different story from the same
    country) and the round-up with its copy, oldest first, as ``localwire cluster`` reads them."""
    corpus = load_corpus()
    rows = [_row(a.key, a.title, a.text, a.minutes_ago) for a in corpus.articles
            if a.story in ("almaty-fuel-protests", "astana-grain-exports")]
    rows.append(_row("wire/kazakh-leader-vows", WRAP_TITLE, WRAP_TEXT, WRAP_MINUTES_AGO))
    rows.append(_row("paper/kazakh-troops-copy", COPY_TITLE, f"{COPY_INTRO}\n\n{WRAP_TEXT}", COPY_MINUTES_AGO))
    return sorted(rows, key=lambda r: r["published_at"])


def unrest_keys() -> set[str]:
    return {a.key for a in load_corpus().articles if a.story == "almaty-fuel-protests"}


def _row(key: str, title: str, text: str, minutes_ago: int) -> dict:
    return {"id": key, "title": title, "text": text, "published_at": (NOW - timedelta(minutes=minutes_ago)).isoformat()}
