from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "localwire.stories"
    label = "stories"
    verbose_name = "Stories"

    def ready(self):
        # Imported here, the one place Django allows: departures imports models, which load only now.
        from localwire.stories import departures

        departures.install()
