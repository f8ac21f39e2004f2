from django.contrib import admin

from localwire.channels.models import Channel


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug", "country_code")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "code")
    raw_id_fields = ("parent",)
