"""The publisher side's pages: the directory, joining, claiming, and each publisher's portal."""

from django.urls import path

from localwire.publishers import audience_views

urlpatterns: list = [
    path("portal/<slug:slug>/", audience_views.audience_page, name="portal_audience"),
    path("portal/<slug:slug>/audience.csv", audience_views.audience_csv_file, name="portal_audience_csv"),
]
