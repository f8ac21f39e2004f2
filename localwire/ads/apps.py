from django.apps import AppConfig


class AdsConfig(AppConfig):
    name = "localwire.ads"
    label = "ads"
    verbose_name = "Advertising"
