from django.contrib import admin

from localwire.articles.admin import ReadOnlyAdmin
from localwire.publishers.models import Action, Application, Claim, Invite, Manager


@admin.register(Manager)
class ManagerAdmin(admin.ModelAdmin):
    list_display = ("publisher", "user", "via", "created_at")
    list_filter = ("via",)
    search_fields = ("publisher__name", "user__username")
    raw_id_fields = ("publisher", "user", "added_by")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("name", "website", "status", "user", "created_at")
    list_filter = ("status",)
    search_fields = ("name", "website", "contact_email")
    readonly_fields = ("checks", "checked_at", "decided_by", "decided_at", "publisher")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("publisher", "user", "status", "attempts", "created_at")
    list_filter = ("status",)
    readonly_fields = ("token",)


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ("publisher", "email", "accepted_by", "expires_at")
    readonly_fields = ("token_hash",)


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    """The audit log: read, never edited."""

    list_display = ("created_at", "publisher_name", "username", "action")
    list_filter = ("action",)
    search_fields = ("publisher_name", "username")
