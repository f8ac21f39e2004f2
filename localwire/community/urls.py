from django.urls import path

from localwire.community import onboarding, views

urlpatterns = [
    path("signup", views.signup, name="signup"),
    path("login", views.LoginView.as_view(), name="login"),
    path("logout", views.LogoutView.as_view(), name="logout"),
    path("password/reset", views.auth_pages["password_reset"], name="password_reset"),
    path("password/reset/sent", views.auth_pages["password_reset_done"], name="password_reset_done"),
    path("password/reset/<uidb64>/<token>", views.auth_pages["password_reset_confirm"], name="password_reset_confirm"),
    path("password/reset/done", views.auth_pages["password_reset_complete"], name="password_reset_complete"),
    path("password/change", views.auth_pages["password_change"], name="password_change"),
    path("", views.account, name="account"),
    path("welcome", onboarding.onboarding, name="onboarding"),
    path("places", views.place_options, name="place_options"),
    path("history/clear", views.clear_history, name="clear_history"),
    path("delete", views.delete_account, name="delete_account"),
    path("follow", views.follow_action, name="follow"),
    path("following", views.following, name="following"),
    path("follows.json", views.export_json, name="follows_json"),
    path("follows.opml", views.export_opml, name="follows_opml"),
    path("follows/import", views.import_follows, name="follows_import"),
    path("tokens", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke", views.revoke_token, name="revoke_token"),
]
