"""The publisher side's pages: the directory, joining, claiming, and each publisher's portal."""

from django.urls import path

from localwire.publishers import feed_views, profile_views

urlpatterns: list = [
    # the portal's Feeds and Profile tabs (feed_views.py, profile_views.py)
    path("portal/<slug:slug>/feeds", feed_views.feeds, name="portal_feeds"),
    path("portal/<slug:slug>/feeds/add", feed_views.add_feed, name="portal_feed_add"),
    path("portal/<slug:slug>/feeds/<int:feed_id>/pause", feed_views.pause_feed, name="portal_feed_pause"),
    path("portal/<slug:slug>/profile", profile_views.edit_profile, name="portal_profile"),
]
