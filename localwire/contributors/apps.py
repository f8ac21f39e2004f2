from django.apps import AppConfig


class ContributorsConfig(AppConfig):
    name = "localwire.contributors"
    label = "contributors"
    verbose_name = "Contributors"

    def ready(self):
        # Imported here, the one place Django allows: plugins imports models, which load only now.
        from localwire.contributors import plugins

        plugins.install()
