"""``localwire feeds …`` and ``localwire publishers …``: the operator's hands on the sources.

Exit codes, the same for every sub-command: 0 done (or nothing to do: already present, already
paused); 1 refused or failed (a URL the guard refuses, a broken feed, a feed or publisher not
found, an import where any outline failed); 2 a usage error (bad option values, an unreadable
file). Messages for failures go to standard error, results to standard output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FAILED, USAGE_ERROR = 1, 2


def add_parsers(sub) -> None:
    """Declare ``feeds`` and ``publishers`` on the ``localwire`` parser's sub-commands."""
    _feeds_parser(sub)
    _publishers_parser(sub)


def _feeds_parser(sub) -> None:
    p = sub.add_parser("feeds", help="manage feeds")
    fsub = p.add_subparsers(dest="feeds_command", required=True)
    a = fsub.add_parser("add", help="check a feed (or a site whose feed is discovered) and add it")
    a.add_argument("url")
    a.add_argument("--publisher", help="publisher name (default: the feed's title)")
    fsub.add_parser("list", help="list feeds: id, status (paused when paused), publisher, URL, last error")
    for name, text in (("remove", "remove a feed; the articles it brought in are kept"),
                       ("pause", "stop polling a feed until it is resumed"),
                       ("resume", "poll a paused feed again, from the next crawl")):
        fsub.add_parser(name, help=text).add_argument("feed", metavar="URL|ID", help="the feed's URL or id")
    i = fsub.add_parser("import-opml", help="check and add every feed of an OPML file, one line per outline")
    i.add_argument("file")
    fsub.add_parser("export-opml", help="print every feed as OPML")
    p.set_defaults(func=feeds_command)


def _publishers_parser(sub) -> None:
    p = sub.add_parser("publishers", help="list and edit publishers")
    psub = p.add_subparsers(dest="publishers_command", required=True)
    psub.add_parser("list", help="slug, name, kind, website, home city and feeds of every publisher")
    e = psub.add_parser("edit", help="change a publisher's name, kind, website or home city")
    e.add_argument("slug")
    e.add_argument("--name")
    e.add_argument("--kind", help="tv, radio, agency, paper, weekly, magazine, online, broadcaster, blog or other")
    e.add_argument("--website", help="an http(s) address; an empty value clears it")
    e.add_argument("--home-city", dest="home_city",
                   help='a city, e.g. "Springfield, Illinois, US"; an empty value clears it')
    p.set_defaults(func=publishers_command)


def _setup() -> None:
    from localwire.boot import setup_django

    setup_django()


def _fail(command: str, message: str, code: int = FAILED) -> int:
    print(f"localwire {command}: {message}", file=sys.stderr)
    return code


# --- feeds -------------------------------------------------------------------------------------

def feeds_command(args: argparse.Namespace) -> int:
    _setup()
    handlers = {"add": feeds_add, "list": feeds_list, "remove": feeds_remove, "pause": feeds_pause,
                "resume": feeds_resume, "import-opml": feeds_import_opml, "export-opml": feeds_export_opml}
    return handlers[args.feeds_command](args)


def feeds_add(args) -> int:
    from localwire.sources.context import make_fetcher
    from localwire.sources import actions
    from localwire.sources.checking import FeedCheckError, check_feed

    existing = actions.find_feed(args.url) if not args.url.strip().isdigit() else None
    if existing is not None:
        print(f"already present: {existing.url} ({existing.publisher.name}), feed {existing.pk}")
        return 0
    try:
        with make_fetcher() as fetcher:
            checked = check_feed(args.url, fetcher)
    except FeedCheckError as exc:
        return _fail("feeds add", f"{exc.kind}: {exc}; nothing was stored")
    feed, created = actions.add_feed(checked.url, args.publisher or "", checked.title, checked.site_url)
    if checked.warning:
        print(checked.warning)
    state = "added" if created else "already present"
    print(f"{state}: {feed.url} ({feed.publisher.name}), feed {feed.pk}")
    return 0


def feeds_list(args) -> int:
    from localwire.sources.models import Feed

    for feed in Feed.objects.select_related("publisher"):
        status = feed.status if feed.enabled else "paused"
        error = f"  [{feed.last_error[:80]}]" if feed.last_error else ""
        print(f"{feed.pk}\t{status}\t{feed.publisher.name}\t{feed.url}{error}")
    return 0


def _feed_or_fail(command: str, ref: str):
    from localwire.sources.actions import find_feed

    feed = find_feed(ref)
    if feed is None:
        _fail(command, f"no feed has the id or URL {ref!r} (see `localwire feeds list`)")
    return feed


def feeds_remove(args) -> int:
    from localwire.sources.actions import remove_feed

    feed = _feed_or_fail("feeds remove", args.feed)
    if feed is None:
        return FAILED
    kept = remove_feed(feed)
    articles = "1 article it brought in stays" if kept == 1 else f"the {kept} articles it brought in stay"
    print(f"removed: feed {feed.pk}, {feed.url}; {articles} under {feed.publisher.name}")
    return 0


def feeds_pause(args) -> int:
    return _pause_or_resume(args.feed, paused=True)


def feeds_resume(args) -> int:
    return _pause_or_resume(args.feed, paused=False)


def _pause_or_resume(ref: str, paused: bool) -> int:
    from localwire.sources.actions import set_paused

    verb = "paused" if paused else "resumed"
    feed = _feed_or_fail(f"feeds {'pause' if paused else 'resume'}", ref)
    if feed is None:
        return FAILED
    if not set_paused(feed, paused):
        print(f"already {'paused' if paused else 'polled'}: feed {feed.pk}, {feed.url}")
        return 0
    after = "it is not polled until `localwire feeds resume`" if paused else "it is polled from the next crawl"
    print(f"{verb}: feed {feed.pk}, {feed.url} ({feed.publisher.name}); {after}")
    return 0


def feeds_import_opml(args) -> int:
    from django.conf import settings

    from localwire.sources.context import make_fetcher
    from localwire.sources.opml import OpmlError, parse_outlines
    from localwire.sources.opml_import import ADDED, NO_URL, PRESENT, import_outlines

    try:
        outlines = parse_outlines(Path(args.file).read_bytes())
    except OSError as exc:
        return _fail("feeds import-opml", str(exc), USAGE_ERROR)
    except OpmlError as exc:
        return _fail("feeds import-opml", str(exc))
    counts = {ADDED: 0, PRESENT: 0, NO_URL: 0, "failed": 0}
    with make_fetcher() as fetcher:
        for outcome in import_outlines(outlines, fetcher, workers=settings.LOCALWIRE_WORKERS):
            print(outcome.line(), file=sys.stderr if outcome.failed else sys.stdout)
            counts["failed" if outcome.failed else outcome.kind] += 1
    print(f"imported {_count(counts[ADDED], 'feed')} ({counts[PRESENT]} already present, {counts['failed']} failed, "
          f"{_count(counts[NO_URL], 'outline')} without a URL skipped)")
    return FAILED if counts["failed"] else 0


def feeds_export_opml(args) -> int:
    from localwire.sources.actions import export_opml

    sys.stdout.write(export_opml())
    return 0


# --- publishers ---------------------------------------------------------------------------------

def publishers_command(args: argparse.Namespace) -> int:
    _setup()
    return publishers_list(args) if args.publishers_command == "list" else publishers_edit(args)


def publishers_list(args) -> int:
    from django.db.models import Count

    from localwire.sources.models import Publisher

    for p in Publisher.objects.annotate(feed_count=Count("feeds")).order_by("slug"):
        cells = (p.slug, p.name, p.kind, p.website or "-", p.home_city or "-", _count(p.feed_count, "feed"))
        print("\t".join(cells))
    return 0


def publishers_edit(args) -> int:
    from localwire.sources.models import Publisher
    from localwire.sources.publisher_edit import InvalidEdit, edit_publisher

    values = {key: getattr(args, key) for key in ("name", "kind", "website", "home_city")}
    if all(value is None for value in values.values()):
        return _fail("publishers edit", "nothing to change: give --name, --kind, --website or --home-city",
                     USAGE_ERROR)
    publisher = Publisher.objects.filter(slug=args.slug).first()
    if publisher is None:
        return _fail("publishers edit", f"no publisher has the slug {args.slug!r} (see `localwire publishers list`)")
    try:
        changed = edit_publisher(publisher, **values)
    except InvalidEdit as exc:
        return _fail("publishers edit", f"{exc}; nothing was changed", USAGE_ERROR)
    if not changed:
        print(f"unchanged: {publisher.slug} already has those values")
        return 0
    listed = ", ".join(f"{field.replace('_', ' ')} {value!r}" for field, value in changed.items())
    print(f"updated {publisher.slug}: {listed}")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
