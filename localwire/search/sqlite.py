"""The SQLite backend: an FTS5 table (``search_fts``, made by the migration) ranked with bm25.

Every word and phrase goes to FTS5 as a double-quoted string, its only literal form, so nothing
a reader types is read as an operator, a column filter or a prefix query.
"""

from __future__ import annotations

from datetime import timezone

from django.db import connection

from localwire.search.documents import DOCUMENT_VERSION
from localwire.search.models import SearchDocument
from localwire.search.query import Terms

# bm25 column weights for (title, names, body): the same 5 : 2 : 1 proportions as PostgreSQL's
# default weights for the A, B and C labels (1.0, 0.4, 0.2), so both rank alike.
WEIGHTS = (5.0, 2.0, 1.0)


def match_expression(terms: Terms) -> str:
    """'flood "river bank"' → '"flood" "river bank"': every part quoted, all required."""
    parts = [*terms.words, *(" ".join(p) for p in terms.phrases)]
    return " ".join('"' + part.replace('"', '""') + '"' for part in parts)


def write(documents, now) -> None:
    """Replace the FTS rows and mark them indexed; the caller holds the transaction."""
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(d.article_id,) for d in documents])
        cursor.executemany("INSERT INTO search_fts (rowid, title, names, body) VALUES (%s, %s, %s, %s)",
                           [(d.article_id, d.title, d.names, d.body) for d in documents])
    SearchDocument.objects.bulk_create(
        [SearchDocument(article_id=d.article_id, version=DOCUMENT_VERSION, indexed_at=now) for d in documents],
        update_conflicts=True, unique_fields=["article"], update_fields=["version", "indexed_at"],
    )


def search(terms: Terms, allowed, query, half_life_days: float, window: int) -> tuple[list[tuple[int, float]], int]:
    """(article id, score) best first, and how many match, counted up to ``window``.

    Two passes over the match: the first keeps the ``window`` newest arrivals (highest ids) the
    filters allow, read in FTS5's own rowid order so it stops there however many match; the second
    computes bm25 for those alone, its match started at the window's lowest id (a range FTS5 seeks
    to: a common word's whole doclist was 37 ms of a search at 1,000,000 articles, the range 3 ms).
    CROSS JOIN keeps FTS5 as the outer loop and the ``+`` on ``+rowid`` keeps the id list from being
    handed to FTS5 as a rowid constraint; without either, SQLite runs the full-text match once per
    article."""
    match = match_expression(terms)
    where, where_params = allowed(query, "a")
    weights = ", ".join(str(w) for w in WEIGHTS)
    age_days = "MAX(julianday(%s) - julianday(a.published_at), 0.0)"
    newest = ("SELECT a.id AS id FROM search_fts CROSS JOIN articles_article AS a ON a.id = search_fts.rowid "
              f"WHERE search_fts MATCH %s AND {where} ORDER BY search_fts.rowid DESC LIMIT %s")
    sql = (
        f"WITH newest AS MATERIALIZED ({newest}), "
        f"ranked AS MATERIALIZED (SELECT search_fts.rowid AS id, -bm25(search_fts, {weights}) AS relevance "
        "FROM search_fts WHERE search_fts MATCH %s AND search_fts.rowid >= (SELECT MIN(id) FROM newest) "
        "AND +search_fts.rowid IN (SELECT id FROM newest)) "
        f"SELECT a.id, ranked.relevance / (1.0 + {age_days} / %s) AS score, (SELECT COUNT(*) FROM newest) "
        "FROM ranked CROSS JOIN articles_article AS a ON a.id = ranked.id "
        "ORDER BY score DESC, a.published_at DESC, a.id DESC LIMIT %s OFFSET %s"
    )
    moment = query.now.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *where_params, window, match, moment, half_life_days, query.limit, query.offset])
        found = cursor.fetchall()
        if found or not query.offset:
            return [(int(pk), float(score)) for pk, score, _ in found], found[0][2] if found else 0
        cursor.execute(f"SELECT COUNT(*) FROM ({newest})", [match, *where_params, window])
        return [], cursor.fetchone()[0]  # past the last page: only the count


def holds(word: str) -> bool:
    """Whether any article matches the word as a search does (stemmed, accents ignored)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1",
                       [match_expression(Terms((word,)))])
        return cursor.fetchone() is not None


def phrase_ids(words: tuple[str, ...], limit: int) -> list[int]:
    """Articles whose indexed text holds these words in this order (stemmed, as a quoted search
    phrase), best bm25 first: how a passage of another text is found whatever the article's length."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s",
                       [match_expression(Terms(phrases=(words,))), limit])
        return [int(pk) for (pk,) in cursor.fetchall()]
