"""The advertising pages, one list per part so each part's addresses sit beside its views."""

from django.urls import include, path

urlpatterns = [
    path("", include("localwire.ads.urls_advertisers")),  # /advertise, campaigns, preview, moderation
    path("", include("localwire.ads.urls_delivery")),  # /ad/c/<signed>, why this ad, hiding
    path("", include("localwire.ads.urls_reports")),  # campaign dashboards, CSV, operator revenue
]
