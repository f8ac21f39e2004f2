"""Addresses of the advertisers' part: /advertise, the account, campaigns, their preview, and the
moderators' queue of campaigns."""

from django.urls import path

from localwire.ads import advertiser_views, moderation_views

urlpatterns = [
    path("advertise", advertiser_views.advertise, name="advertise"),
    path("advertise/open", advertiser_views.open_account, name="advertise_open"),
    path("advertise/account", advertiser_views.account, name="advertise_account"),
    path("advertise/campaigns/new", advertiser_views.campaign_new, name="advertise_campaign_new"),
    path("advertise/campaigns/<int:pk>", advertiser_views.campaign_page, name="advertise_campaign"),
    path("advertise/campaigns/<int:pk>/edit", advertiser_views.campaign_edit, name="advertise_campaign_edit"),
    path("advertise/campaigns/<int:pk>/preview", advertiser_views.campaign_preview,
         name="advertise_campaign_preview"),
    *[path(f"advertise/campaigns/<int:pk>/{move}", advertiser_views.campaign_move, {"move": move},
           name=f"advertise_campaign_{move}") for move in advertiser_views.MOVES],
    path("moderation/campaigns", moderation_views.queue, name="moderation_campaigns"),
    path("moderation/campaigns/<int:pk>/decision", moderation_views.decide, name="moderation_campaign_decision"),
]
