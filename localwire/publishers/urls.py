"""The publisher side's pages: the directory, joining, claiming, and each publisher's portal."""

from django.urls import path

from localwire.publishers import claim_views

urlpatterns: list = [
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
]
