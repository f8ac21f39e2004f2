"""Backfill: every article without a search document owes one, marked once, so an upgraded site
loses none to the marks replacing the old anti-join over the archive. Documents written by an
older DOCUMENT_VERSION are marked by the first sweep after the upgrade (``PendingVersion`` is
empty until then)."""

from django.db import migrations
from django.utils import timezone


def mark_unindexed(apps, schema_editor):
    article = apps.get_model("articles", "Article")._meta.db_table
    work = apps.get_model("articles", "PendingWork")._meta.db_table
    document = apps.get_model("search", "SearchDocument")._meta.db_table
    connection = schema_editor.connection
    # Its place in the queue: its publication time, never later than now (a feed may misdate one).
    least = "MIN" if connection.vendor == "sqlite" else "LEAST"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {work} (article_id, step, since, attempts) "
            f"SELECT a.id, 'search', {least}(a.published_at, %s), 0 FROM {article} a "
            f"WHERE NOT EXISTS (SELECT 1 FROM {document} d WHERE d.article_id = a.id) "
            "ON CONFLICT DO NOTHING", [now])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_pending_attempts_and_versions"),
        ("search", "0002_searchterm"),
    ]

    operations = [
        migrations.RunPython(mark_unindexed, migrations.RunPython.noop),
    ]
