"""The publisher side's pages: the directory, joining, claiming, and each publisher's portal."""

from django.urls import path

from localwire.publishers import join_views

urlpatterns: list = [
    path("publishers", join_views.directory, name="publishers"),
    path("for-publishers", join_views.for_publishers, name="for_publishers"),
    path("for-publishers/apply", join_views.apply, name="publisher_apply"),
    path("for-publishers/applications/<int:pk>", join_views.application, name="publisher_application"),
    path("for-publishers/applications/<int:pk>/recheck", join_views.recheck, name="publisher_application_recheck"),
    path("moderation/publishers", join_views.queue, name="moderation_publishers"),
    path("moderation/publishers/<int:pk>/decision", join_views.decide, name="moderation_publisher_decision"),
]
