from django.contrib import admin

from localwire.community.forms import ThrottledAdminLoginForm
from localwire.community.models import ApiToken, Ban, Comment, Follow, ModerationAction, Profile

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


class ReadOnly(admin.ModelAdmin):
    """Comments change only through ``comments`` (the moderation queue), so every act is logged."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnly):
    list_display = ("pk", "user", "article", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("user__username", "body")
    raw_id_fields = ("user", "article", "parent")


@admin.register(Ban)
class BanAdmin(ReadOnly):
    list_display = ("user", "reason", "until", "created_at")
    search_fields = ("user__username", "reason")


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnly):
    list_display = ("created_at", "moderator_name", "action", "target_name", "comment", "reason")
    list_filter = ("action",)
    search_fields = ("moderator_name", "target_name", "reason")

    def has_delete_permission(self, request, obj=None):
        return False
