from django.apps import AppConfig


class AdsConfig(AppConfig):
    name = "localwire.ads"
    label = "ads"
    verbose_name = "Advertising"

    def ready(self):
        from localwire.ads.departure import advertiser_leaving
        from localwire.community import leaving

        leaving.register("ads", advertiser_leaving)
