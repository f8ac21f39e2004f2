"""The ``localwire`` command. Every sub-command prepares LOCALWIRE_HOME itself."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone

from localwire.boot import migrate_if_needed, setup_django

USAGE_ERROR = 2


def cmd_serve(args) -> int:
    """The home and the port are checked before the database is touched."""
    setup_django(migrate=False)
    from django.conf import settings

    from localwire.instance import HomeInUse, ServingLock
    from localwire.serve import CannotListen, open_listener, serve

    processes = args.processes or settings.LOCALWIRE_WEB_PROCESSES
    try:
        with ServingLock(settings.LOCALWIRE_HOME, "serve") as lock:
            listener = open_listener(args.host, args.port)
            migrate_if_needed()
            serve(args.host, args.port, worker=not args.no_worker, processes=processes,
                  listener=listener, lock=lock)
    except HomeInUse as exc:
        return fail("serve", f"{exc}; stop it first. One home is served by one `localwire serve`: "
                    "to use more cores, run it with --processes N")
    except CannotListen as exc:
        return fail("serve", str(exc))
    return 0


def fail(command: str, message: str, status: int = 1) -> int:
    """An operator's mistake or a busy resource: one line on standard error, no traceback."""
    print(f"localwire {command}: {message}", file=sys.stderr)
    return status


def cmd_demo(args) -> int:
    from localwire.demo.run import run_demo

    return run_demo(host=args.host, port=args.port, force=args.force)


def cmd_crawl(args) -> int:
    if not args.once:
        print("localwire crawl: only --once is supported; `localwire serve` crawls continuously",
              file=sys.stderr)
        return USAGE_ERROR
    setup_django()
    from django.conf import settings

    from localwire.sources.context import build_context
    from localwire.pipeline.crawl import crawl_once
    from localwire.progress import Progress

    ctx = build_context()
    with Progress(enabled=not args.quiet) as progress:
        report = crawl_once(ctx, workers=settings.LOCALWIRE_WORKERS, progress=progress.update)
    ctx.fetcher.close()
    print(report.summary())
    return 0


def cmd_status(args) -> int:
    """Reads, never migrates: a status check must not change the database it reports on."""
    setup_django(migrate=False)
    from localwire.metrics.status import report

    text, code = report(as_json=args.json)
    print(text)
    return code


def cmd_extract(args) -> int:
    from localwire.articles.extract_cli import extract_files

    return extract_files(args.files, args.url, sys.stdout)


def cmd_reanalyze(args) -> int:
    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            print(f"localwire reanalyze: --since must be an ISO date or time, not {args.since!r}", file=sys.stderr)
            return USAGE_ERROR
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
    setup_django()
    from localwire.pipeline.reanalyze import reanalyze, stale_article_ids
    from localwire.progress import Progress

    ids = stale_article_ids(since, everything=args.all)
    with Progress(enabled=not args.quiet) as progress:
        done = reanalyze(ids, progress=progress.update)
    print(f"reanalyze: {done} articles analysed")
    return 0


def cmd_reindex_search(args) -> int:
    setup_django()
    from localwire.progress import Progress
    from localwire.search.index import reindex_all

    with Progress(enabled=not args.quiet) as progress:
        done = reindex_all(progress=progress.update)
    print(f"reindex-search: {done} articles indexed")
    return 0


def cmd_analyze(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localwire.settings")
    from localwire.nlp.cli import analyze_files

    return analyze_files(args.files, sys.stdout)


def cmd_cluster(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localwire.settings")
    from localwire.stories.cli import cluster_stream

    try:
        if args.file == "-":
            return cluster_stream(sys.stdin, sys.stdout)
        with open(args.file, encoding="utf-8") as lines:
            return cluster_stream(lines, sys.stdout)
    except OSError as exc:
        return fail("cluster", str(exc), USAGE_ERROR)
    except UnicodeDecodeError as exc:  # read line by line, so it shows up mid-stream
        return fail("cluster", f"{args.file} is not UTF-8 text, so not JSON Lines ({exc.reason})", USAGE_ERROR)


# Django commands that run before the schema exists, or work on the schema themselves.
NO_MIGRATE_FIRST = {"help", "--help", "-h", "version", "--version", "check", "diffsettings", "migrate",
                    "makemigrations", "showmigrations", "sqlmigrate", "squashmigrations", "optimizemigration"}


def cmd_manage(args) -> int:
    """Like every command, brings a new home's database up first (``manage createsuperuser`` is
    often the first thing run), except for the commands above."""
    setup_django(migrate=bool(args.args) and args.args[0] not in NO_MIGRATE_FIRST)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["localwire manage", *args.args])
    return 0


def port_number(text: str) -> int:
    """``--port``: a TCP port (0 lets the system pick a free one)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="localwire", description="Self-hostable local news.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="run a demo with local publishers on 127.0.0.1")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=port_number, default=8000)
    p.add_argument("--force", action="store_true",
                   help="run even with DATABASE_URL set (a folder is still only reset if a demo made it)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="serve the site with the in-process worker")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=port_number, default=8000)
    p.add_argument("--no-worker", action="store_true", help="web only (Celery does the work)")
    p.add_argument("--processes", type=int, default=0,
                   help="server processes sharing the port, about one per core (default LOCALWIRE_WEB_PROCESSES, 1)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("crawl", help="poll due feeds and process new articles")
    p.add_argument("--once", action="store_true", help="one pass, then exit")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("status", help="feeds, entries, pending work, queue, caches and requests at a glance")
    p.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    p.set_defaults(func=cmd_status)

    from localwire.ads.commands import add_parsers as add_ads_parsers
    from localwire.community.commands import add_parsers as add_users_parsers
    from localwire.sources.commands import add_parsers as add_sources_parsers

    add_sources_parsers(sub)  # feeds …, publishers …
    add_users_parsers(sub)  # users add, users token
    add_ads_parsers(sub)  # ads credit, adjust, ledger, check

    p = sub.add_parser("extract", help="extract articles from saved HTML files (JSON Lines out)")
    p.add_argument("--url", default="",
                   help="the page's URL (for relative links; default: the page's rel=canonical or og:url)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("reanalyze", help="re-run understanding where the analyser version changed")
    p.add_argument("--since", help="only articles published since this ISO date or time")
    p.add_argument("--all", action="store_true", help="every article, even if already current")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_reanalyze)

    p = sub.add_parser("reindex-search", help="rebuild the full-text search index of every article")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_reindex_search)

    p = sub.add_parser("analyze", help="understand articles given as JSON / JSON Lines (JSON Lines out)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("cluster", help="stories and syndication groups for articles as JSON Lines (stream)")
    p.add_argument("file", help="JSON Lines of {id, title, text, published_at, ...}; - for standard input")
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("manage", help="Django management commands", add_help=False)
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["manage"]:  # everything after it is Django's, `--help` included
        args = argparse.Namespace(func=cmd_manage, args=argv[1:])
    else:
        args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
