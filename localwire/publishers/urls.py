"""The publisher side's pages: the directory, joining, claiming, and each publisher's portal."""

from django.urls import path

from localwire.publishers import article_views, audience_views, claim_views, feed_views, join_views, profile_views

urlpatterns: list = [
    # the directory, joining, applications and the moderators' queue (join_views.py)
    path("publishers", join_views.directory, name="publishers"),
    path("for-publishers", join_views.for_publishers, name="for_publishers"),
    path("for-publishers/apply", join_views.apply, name="publisher_apply"),
    path("for-publishers/applications/<int:pk>", join_views.application, name="publisher_application"),
    path("for-publishers/applications/<int:pk>/recheck", join_views.recheck, name="publisher_application_recheck"),
    path("moderation/publishers", join_views.queue, name="moderation_publishers"),
    path("moderation/publishers/<int:pk>/decision", join_views.decide, name="moderation_publisher_decision"),
    # claiming a profile, my publishers, the Team and Activity tabs (claim_views.py)
    path("publisher/<slug:slug>/claim", claim_views.claim, name="publisher_claim"),
    path("portal/", claim_views.portal_list, name="portal_list"),
    path("portal/<slug:slug>/team", claim_views.team_page, name="portal_team"),
    path("portal/<slug:slug>/team/invite", claim_views.team_invite, name="portal_team_invite"),
    path("portal/<slug:slug>/team/invites/<int:invite_id>/withdraw", claim_views.team_cancel,
         name="portal_team_cancel"),
    path("portal/<slug:slug>/team/<str:username>/remove", claim_views.team_remove, name="portal_team_remove"),
    path("portal/<slug:slug>/activity", claim_views.activity, name="portal_activity"),
    path("portal/invite/<str:token>", claim_views.invite_page, name="portal_invite"),  # after the slug paths
    # the portal's Audience tab (audience_views.py)
    path("portal/<slug:slug>/", audience_views.audience_page, name="portal_audience"),
    path("portal/<slug:slug>/audience.csv", audience_views.audience_csv_file, name="portal_audience_csv"),
    # the portal's Feeds and Profile tabs (feed_views.py, profile_views.py)
    path("portal/<slug:slug>/feeds", feed_views.feeds, name="portal_feeds"),
    path("portal/<slug:slug>/feeds/add", feed_views.add_feed, name="portal_feed_add"),
    path("portal/<slug:slug>/feeds/<int:feed_id>/pause", feed_views.pause_feed, name="portal_feed_pause"),
    path("portal/<slug:slug>/profile", profile_views.edit_profile, name="portal_profile"),
    # the portal's Articles tab (article_views.py)
    path("portal/<slug:slug>/articles", article_views.articles, name="portal_articles"),
    path("portal/<slug:slug>/articles/<int:pk>/refetch", article_views.refetch, name="portal_article_refetch"),
    path("portal/<slug:slug>/articles/<int:pk>/takedown", article_views.take_down, name="portal_article_takedown"),
]
