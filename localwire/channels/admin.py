from django.contrib import admin

from django.db.models import Count

from localwire.channels.actions import merge_channels
from localwire.channels.models import Channel, ChannelAlias


class AliasInline(admin.TabularInline):
    model = ChannelAlias
    extra = 0
    fields = ("kind", "slug", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug", "country_code")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "code")
    raw_id_fields = ("parent",)
    inlines = [AliasInline]
    actions = ["merge"]

    @admin.action(description="Merge selected channels into the one with the most articles")
    def merge(self, request, queryset):
        channels = list(queryset.annotate(n=Count("article_links")).order_by("-n", "pk"))
        if len({c.kind for c in channels}) != 1 or len(channels) < 2:
            self.message_user(request, "Select two or more channels of the same kind.", level="error")
            return
        target, *sources = channels
        moved = sum(merge_channels(source, target, by=request.user.get_username()) for source in sources)
        self.log_change(request, target, f"merged {', '.join(s.slug for s in sources)} into {target.slug}")
        self.message_user(request, f"Merged {len(sources)} channels into {target.name} ({moved} articles moved).")
