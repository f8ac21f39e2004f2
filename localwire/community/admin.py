from django.contrib import admin

from localwire.community.forms import ThrottledAdminLoginForm
from localwire.community.models import ApiToken, Follow, Profile

admin.site.login_form = ThrottledAdminLoginForm


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "display_name", "role", "home_name", "home_country")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "display_name")
    raw_id_fields = ("user",)


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "channel", "publisher", "muted", "created_at")
    list_filter = ("muted", "channel__kind")
    search_fields = ("user__username", "channel__name", "publisher__name")
    raw_id_fields = ("user", "channel", "publisher")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "hint", "created_at", "last_used_at")
    search_fields = ("user__username", "name", "hint")
    raw_id_fields = ("user",)
    readonly_fields = ("token_hash", "hint", "created_at", "last_used_at")
