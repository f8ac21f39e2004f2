"""The index row, plus the database's own full-text structure, made only on the database it is for."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

# SQLite: an FTS5 table keyed by article id (rowid). Porter stemming over unicode61 so "floods"
# finds "flood", as PostgreSQL's English configuration does. Deleting the index row (an article's
# deletion cascades to it, and so does a flush) deletes the FTS row with it.
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, names, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_document_deleted AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.article_id; END",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS search_document_deleted", "DROP TABLE IF EXISTS search_fts"]

# PostgreSQL: the weighted tsvector lives on the index row itself, under a GIN index.
POSTGRES_CREATE = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (vector)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_document_vector",
                 "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0004_article_analysis_claimed_until"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("article", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                 related_name="search_document", serialize=False,
                                                 to="articles.article")),
                ("version", models.PositiveSmallIntegerField(default=0)),
                ("indexed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
