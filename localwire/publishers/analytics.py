"""A publisher's audience over a range of local days, as plain data for the portal, its CSV and the API.

Everything is read from numbers the site already keeps: views per article and day
(``metrics.ArticleViewDay``) and by source (``metrics.ArticleViewSource``), articles by their
publication time, and readers' follows. Each figure is one grouped query; the whole is eight.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from localwire.articles.models import Article
from localwire.channels.models import Channel
from localwire.community.models import Follow
from localwire.metrics.models import ArticleViewDay, ArticleViewSource
from localwire.metrics.sources import SOURCES

DEFAULT_DAYS = 30
MAX_DAYS = 366  # a leap year, so "the last year" always fits
TOP_ARTICLES = 10
TOP_CHANNELS = 10
CHANNEL_FLOOR = 3  # a channel fewer followers follow is left out, so no reader is singled out
EARLIEST, LATEST = date(1970, 1, 1), date(2999, 12, 31)


class RangeError(ValueError):
    """A ``since``/``until`` that is not a date, runs backwards or spans more than MAX_DAYS."""


def _day(value: str | None, name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        day = date.fromisoformat(str(value).strip())
    except ValueError:
        raise RangeError(f"{name} must be a date written YYYY-MM-DD.") from None
    if not EARLIEST <= day <= LATEST:  # keeps the day arithmetic below far from date's limits
        raise RangeError(f"{name} must be between {EARLIEST} and {LATEST}.")
    return day


def day_range(since: str | date | None, until: str | date | None, today: date | None = None) -> tuple[date, date]:
    """The range asked for: ``until`` defaults to today, ``since`` to DEFAULT_DAYS days up to ``until``."""
    last = until if isinstance(until, date) else _day(until, "until")
    first = since if isinstance(since, date) else _day(since, "since")
    last = last or today or timezone.localdate()
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise RangeError("since must not be after until.")
    if (last - first).days + 1 > MAX_DAYS:
        raise RangeError(f"A range covers at most {MAX_DAYS} days.")
    return first, last


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _local_day(field: str) -> TruncDate:
    """The local day (``TIME_ZONE``) of a stored time, computed by the database for grouping."""
    return TruncDate(field, tzinfo=timezone.get_current_timezone())


def _views_by_day(publisher, since: date, until: date) -> dict[date, int]:
    rows = (ArticleViewDay.objects.filter(article__publisher=publisher, day__range=(since, until))
            .values("day").annotate(views=Sum("views")).values_list("day", "views"))
    return dict(rows)


def _posts_by_day(publisher, since: date, until: date) -> dict[date, int]:
    rows = (Article.objects.filter(publisher=publisher, published_at__gte=_start_of(since),
                                   published_at__lt=_start_of(until + timedelta(days=1)))
            .annotate(local_day=_local_day("published_at"))
            .values("local_day").annotate(n=Count("id")).values_list("local_day", "n"))
    return dict(rows)


def _followers(publisher):
    return Follow.objects.filter(publisher=publisher, muted=False)


def _followers_by_day(publisher, since: date, until: date) -> tuple[int, dict[date, int]]:
    """Followers before ``since``, and at the end of each day: those plus each day's new ones.
    Unfollowing deletes the row, so a reader who left is missing from every past day too."""
    before = _followers(publisher).filter(created_at__lt=_start_of(since)).count()
    gained = dict(_followers(publisher).filter(created_at__gte=_start_of(since),
                                               created_at__lt=_start_of(until + timedelta(days=1)))
                  .annotate(local_day=_local_day("created_at")).values("local_day").annotate(n=Count("id"))
                  .values_list("local_day", "n"))
    running, days = before, {}
    for offset in range((until - since).days + 1):
        day = since + timedelta(days=offset)
        running += gained.get(day, 0)
        days[day] = running
    return before, days


def top_articles(publisher, since: date, until: date, limit: int = TOP_ARTICLES) -> list[dict]:
    """Grouped by id alone, then the few titles read: grouping by title too made SQLite read every
    viewed article's whole row, text included (three times slower on a 20,000-article publisher)."""
    rows = list(ArticleViewDay.objects.filter(article__publisher=publisher, day__range=(since, until))
                .values("article_id").annotate(views=Sum("views")).order_by("-views", "-article_id")[:limit])
    titles = dict(Article.objects.filter(pk__in=[row["article_id"] for row in rows]).values_list("pk", "title"))
    return [{"id": row["article_id"], "title": titles[row["article_id"]], "views": row["views"],
             "url": Article(pk=row["article_id"], title=titles[row["article_id"]]).get_absolute_url()}
            for row in rows if row["article_id"] in titles]


def sources(publisher, since: date, until: date) -> dict[str, int]:
    """Views by where readers came from, every known source present (zeros too), in the portal's order."""
    found = dict(ArticleViewSource.objects.filter(article__publisher=publisher, day__range=(since, until))
                 .values("source").annotate(views=Sum("views")).values_list("source", "views"))
    named = {name: found.pop(name, 0) for name in SOURCES}
    return {**named, **dict(sorted(found.items()))}  # names no longer made stay visible, last


def followed_channels(publisher, limit: int = TOP_CHANNELS) -> list[dict]:
    """The channels the publisher's followers follow most, each with how many of them do: aggregates
    only, and none that fewer than CHANNEL_FLOOR of them follow. Follows as they are now."""
    readers = _followers(publisher).values("user_id")
    counts = list(Follow.objects.filter(channel__isnull=False, muted=False, user_id__in=readers)
                  .values("channel_id").annotate(readers=Count("user_id", distinct=True))
                  .filter(readers__gte=CHANNEL_FLOOR).order_by("-readers", "channel_id")[:limit])
    channels = Channel.objects.in_bulk([row["channel_id"] for row in counts])
    return [{"channel": f"{channel.kind}/{channel.slug}", "kind": channel.kind, "name": channel.name,
             "url": channel.get_absolute_url(), "readers": row["readers"]}
            for row in counts if (channel := channels.get(row["channel_id"])) is not None]


def days_and_totals(publisher, since: date, until: date) -> tuple[list[dict], dict]:
    """Every day's views, followers and posts, zeros included, and their totals."""
    views = _views_by_day(publisher, since, until)
    posts = _posts_by_day(publisher, since, until)
    before, followers = _followers_by_day(publisher, since, until)
    days = [{"date": day, "views": views.get(day, 0), "followers": count, "posts": posts.get(day, 0)}
            for day, count in followers.items()]
    totals = {"views": sum(d["views"] for d in days), "posts": sum(d["posts"] for d in days),
              "followers": days[-1]["followers"], "followers_gained": days[-1]["followers"] - before}
    return days, totals


def audience(publisher, since: date | None = None, until: date | None = None) -> dict:
    """Everything the Audience tab shows, for the local days ``since`` to ``until`` (both included)."""
    since, until = day_range(since, until)
    days, totals = days_and_totals(publisher, since, until)
    return {"since": since, "until": until, "days": days, "totals": totals,
            "top_articles": top_articles(publisher, since, until), "sources": sources(publisher, since, until),
            "channels": followed_channels(publisher)}


def audience_table(publisher, since: date, until: date, table: str) -> dict:
    """What one CSV table (``days``, ``top``, ``sources``, ``channels``) needs of ``audience``'s answer,
    and no more: a download computes its own figures, not the whole tab's."""
    data = {"since": since, "until": until}
    if table == "days":
        data["days"], data["totals"] = days_and_totals(publisher, since, until)
    elif table == "top":
        data["top_articles"] = top_articles(publisher, since, until)
    elif table == "sources":
        data["sources"] = sources(publisher, since, until)
    elif table == "channels":
        data["channels"] = followed_channels(publisher)
    return data
