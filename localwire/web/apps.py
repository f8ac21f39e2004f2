from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "localwire.web"
    label = "web"
    verbose_name = "Web pages"

    def ready(self):
        # Comments retire kept pages from community/apps.py, which knows when they change.
        from localwire.articles.signals import articles_changed
        from localwire.caching import pages as pagecache

        def retire(**_):
            pagecache.changed()

        articles_changed.connect(retire, dispatch_uid="pagecache-articles", weak=False)
