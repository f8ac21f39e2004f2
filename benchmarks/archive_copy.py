"""Growing the archive benchmark's database by copying its first chunk in SQL.

Building rows in Python runs at a few hundred articles a second on a loaded machine, so a million
would take hours. Instead the first chunk is built in Python (``archive_fill``) and every later
chunk is that one copied by ``INSERT … SELECT``, each article and every row that hangs off it: the
entry it came from, its syndication group or copy, its story (members and terms), its channel links
and its search row. A copy gets new ids (past the largest in each table), a new address and content
hash made from its place in the archive, and dates moved back by that place, so it reads like the
article a Python chunk would have made there: same publisher, same text, older. The search rows are
copied as the app wrote them: on SQLite the FTS5 table is fed the stored title, names and body again
(FTS5 tokenises them itself), on PostgreSQL the stored vector is copied, as the same text would give
the same vector. Ids given explicitly do not move PostgreSQL's sequences, so ``finish`` resets them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Base:
    """The chunk every copy is made from: articles ``lo``…``hi`` (ids in a row, place ``id - lo``),
    and the first ids of its syndication groups and stories."""
    lo: int
    hi: int
    first_group: int
    first_story: int

    @property
    def size(self) -> int:
        return self.hi - self.lo + 1


def find_base(min_size: int) -> Base | None:
    """The first Python-built chunk, if it holds ``min_size`` articles with ids in a row (built in
    one transaction into an empty database, it does; an archive begun smaller, say 5,000, whose
    next chunk came after a tick's new articles, does not, and is grown in Python throughout)."""
    from django.db.models import Min

    from localwire.articles.models import Article
    from localwire.stories.models import StoryMember, SyndicationGroup

    bench = Article.objects.filter(extractor_version="bench")
    lo = bench.aggregate(lo=Min("pk"))["lo"]
    if lo is None:
        return None
    hi = lo + min_size - 1
    if bench.filter(pk__range=(lo, hi)).count() != min_size:
        return None
    ids = dict(first_group=SyndicationGroup.objects.filter(original__gte=lo, original__lte=hi).aggregate(v=Min("pk"))["v"],
               first_story=StoryMember.objects.filter(article__gte=lo, article__lte=hi).aggregate(v=Min("story_id"))["v"])
    return None if None in ids.values() else Base(lo=lo, hi=hi, **ids)


def copy_chunk(base: Base, place: int, n: int, spacing_us: int) -> None:
    """Copy the base's first ``n`` articles, with all their rows, to places ``place``… of the
    archive (``place`` articles are newer), in one transaction."""
    from django.db import connection, transaction

    lo, hi = base.lo, base.lo + n - 1
    with transaction.atomic(), connection.cursor() as cursor:
        shift = {"article": _next_id(cursor, "articles_article") - lo,
                 "group": _next_id(cursor, "stories_syndicationgroup") - base.first_group,
                 "story": _next_id(cursor, "stories_story") - base.first_story}
        sql = _Sql(connection.vendor, lo, place, spacing_us * place)
        cursor.execute("SELECT MIN(story_id), MAX(story_id) FROM stories_storymember "
                       "WHERE article_id BETWEEN %s AND %s", [lo, hi])
        story_lo, story_hi = cursor.fetchone()
        art, grp, sto = shift["article"], shift["group"], shift["story"]
        statements = [
            _copy(cursor, "articles_article", f"id BETWEEN {lo} AND {hi}", {
                "id": f"id + {art}", "canonical_url": sql.address("canonical_url", "id"),
                "url": sql.address("url", "id"), "published_at": sql.older("published_at"),
                "content_hash": sql.content_hash("id")}),
            _copy(cursor, "sources_entry", f"article_id BETWEEN {lo} AND {hi}", {
                "id": None, "article_id": f"article_id + {art}", "entry_id": sql.address("entry_id", "article_id"),
                "url": sql.address("url", "article_id")}),
            _copy(cursor, "stories_syndicationgroup", f"original_id BETWEEN {lo} AND {hi}", {
                "id": f"id + {grp}", "original_id": f"original_id + {art}"}),
            _copy(cursor, "stories_syndicatedcopy", f"article_id BETWEEN {lo} AND {hi}", {
                "article_id": f"article_id + {art}", "group_id": f"group_id + {grp}"}),
            _copy(cursor, "stories_story", f"id BETWEEN {story_lo} AND {story_hi}", {
                "id": f"id + {sto}", "first_seen": sql.older("first_seen"), "last_seen": sql.older("last_seen")}),
            _copy(cursor, "stories_storymember", f"article_id BETWEEN {lo} AND {hi}", {
                "article_id": f"article_id + {art}", "story_id": f"story_id + {sto}"}),
            _copy(cursor, "stories_storyterm", f"story_id BETWEEN {story_lo} AND {story_hi}", {
                "id": None, "story_id": f"story_id + {sto}", "last_seen": sql.older("last_seen")}),
            _copy(cursor, "channels_articlechannel", f"article_id BETWEEN {lo} AND {hi}", {
                "id": None, "article_id": f"article_id + {art}"}),
            _copy(cursor, "search_searchdocument", f"article_id BETWEEN {lo} AND {hi}", {
                "article_id": f"article_id + {art}"}),
        ]
        if connection.vendor == "sqlite":
            statements.append("INSERT INTO search_fts (rowid, title, names, body) "
                              f"SELECT id + {art}, c0, c1, c2 FROM search_fts_content WHERE id BETWEEN {lo} AND {hi}")
        for statement in statements:
            cursor.execute(statement)


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _copy(cursor, table: str, where: str, changed: dict[str, str | None]) -> str:
    """``INSERT … SELECT`` of every column of ``table`` as it is, but ``changed`` (a column to an
    expression over the source row; None leaves it to the database's default, e.g. a new id)."""
    from django.db import connection

    columns = [c.name for c in connection.introspection.get_table_description(cursor, table)
               if changed.get(c.name, "") is not None]
    values = ", ".join(changed.get(c) or c for c in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} WHERE {where}"


class _Sql:
    """The few expressions that differ between SQLite and PostgreSQL, for a copy ``place`` articles
    further back, ``back_us`` microseconds older."""

    def __init__(self, vendor: str, lo: int, place: int, back_us: int):
        self.vendor, self.lo, self.place, self.back_us = vendor, lo, place, back_us

    def address(self, column: str, article_id: str) -> str:
        """The source's address with its place (``…example.org/<place>/<slug>``) made the copy's."""
        old, new = f"({article_id} - {self.lo})", f"({article_id} - {self.lo} + {self.place})"
        return f"REPLACE({column}, '.org/' || {old} || '/', '.org/' || {new} || '/')"

    def older(self, column: str) -> str:
        if self.vendor == "sqlite":  # the text Django stores, to the microsecond
            us = f"(strftime('%s', {column}) * 1000000 + CAST(substr({column}, 21) AS INTEGER) - {self.back_us})"
            return (f"strftime('%Y-%m-%d %H:%M:%S', {us} / 1000000, 'unixepoch') || '.' || "
                    f"printf('%06d', {us} % 1000000)")
        return f"{column} - interval '{self.back_us} microseconds'"

    def content_hash(self, article_id: str) -> str:
        place = f"({article_id} - {self.lo} + {self.place})"
        if self.vendor == "sqlite":
            return f"printf('%064x', {place})"
        return f"lpad(to_hex({place}::bigint), 64, '0')"


def finish() -> None:
    """After a fill: PostgreSQL's sequences past the ids given explicitly; SQLite's writes durable."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            models = [m for m in apps.get_models() if m._meta.app_label in {"articles", "stories"}]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        else:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-2000")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def start() -> None:
    """Before a fill on SQLite: no fsync and a large page cache; the fill is thrown away if it fails."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-524288")
            cursor.execute("PRAGMA temp_store=MEMORY")
