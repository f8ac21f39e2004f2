from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "localwire.web"
    label = "web"
    verbose_name = "Web pages"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from localwire.articles.signals import articles_changed
        from localwire.community.models import Comment
        from localwire.web import pagecache

        def retire(**_):
            pagecache.changed()

        articles_changed.connect(retire, dispatch_uid="pagecache-articles", weak=False)
        for name, signal in (("saved", post_save), ("deleted", post_delete)):  # posted, edited, hidden, removed
            signal.connect(retire, sender=Comment, dispatch_uid=f"pagecache-comment-{name}", weak=False)
