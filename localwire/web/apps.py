from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "localwire.web"
    label = "web"
    verbose_name = "Web pages"
