from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "localwire.community"
    label = "community"
    verbose_name = "Community"

    def ready(self):
        # Imported here, the one place Django allows: plugins imports models, which load only now.
        from localwire.community import plugins

        plugins.install()
