from django.apps import AppConfig


class PublishersConfig(AppConfig):
    name = "localwire.publishers"
    label = "publishers"
    verbose_name = "Publisher portal"
