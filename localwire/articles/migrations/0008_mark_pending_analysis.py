"""Backfill: every article never understood owes its analysis, marked once, so an upgraded site
loses none to the marks replacing the old comparison over the archive. Articles an older analyser
read are marked by the first sweep after the upgrade (``PendingVersion`` is empty until then)."""

from django.db import migrations
from django.utils import timezone


def mark_never_understood(apps, schema_editor):
    article = apps.get_model("articles", "Article")._meta.db_table
    work = apps.get_model("articles", "PendingWork")._meta.db_table
    connection = schema_editor.connection
    # Its place in the queue: its publication time, never later than now (a feed may misdate one).
    least = "MIN" if connection.vendor == "sqlite" else "LEAST"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {work} (article_id, step, since, attempts) "
            f"SELECT id, 'analysis', {least}(published_at, %s), 0 FROM {article} WHERE analysis_version = '' "
            "ON CONFLICT DO NOTHING", [now])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_pending_attempts_and_versions"),
    ]

    operations = [
        migrations.RunPython(mark_never_understood, migrations.RunPython.noop),
    ]
