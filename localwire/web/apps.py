from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "localwire.web"
    label = "web"
    verbose_name = "Web pages"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from localwire.articles.signals import articles_changed
        from localwire.community.models import Comment, ModerationAction
        from localwire.web import pagecache

        def retire(**_):
            pagecache.changed()

        articles_changed.connect(retire, dispatch_uid="pagecache-articles", weak=False)
        for name, signal in (("saved", post_save), ("deleted", post_delete)):  # posted, edited, hidden, removed
            signal.connect(retire, sender=Comment, dispatch_uid=f"pagecache-comment-{name}", weak=False)
        # Every moderation step is logged, including those that change comments by a bulk update
        # (held after enough reports), so a new log row retires pages too.
        post_save.connect(retire, sender=ModerationAction, dispatch_uid="pagecache-moderation", weak=False)
