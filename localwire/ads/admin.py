"""The operator's view of advertising: advertisers and their money, campaigns and their days.

Money changes only through the ledger (``ledger.py``): an advertiser's balance and held money are
read here, never edited, and credit is added through its own form, which posts a ledger entry made
by the operator. Ledger entries and campaign days are records, read and never edited here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from localwire.ads import budget, ledger, versions
from localwire.ads.models import Advertiser, Campaign, CampaignDay, LedgerEntry
from localwire.ads.money import BadAmount, parse_amount, shown
from localwire.articles.admin import ReadOnlyAdmin


class CreditForm(forms.Form):
    amount = forms.CharField(max_length=20, help_text="What the advertiser paid, e.g. 25.00")
    note = forms.CharField(max_length=ledger.MAX_NOTE, required=False,
                           help_text="What the money is, e.g. an invoice number")

    def clean_amount(self):
        try:
            return parse_amount(self.cleaned_data["amount"])
        except BadAmount as exc:
            raise forms.ValidationError(str(exc)) from None


@admin.register(Advertiser)
class AdvertiserAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "status", "balance_shown", "held_shown", "add_credit_link")
    list_filter = ("status",)
    search_fields = ("name", "owner__username", "website")
    readonly_fields = ("balance", "held", "created_at")
    raw_id_fields = ("owner",)
    actions = ("suspend", "activate")

    @admin.display(description="balance", ordering="balance")
    def balance_shown(self, obj):
        return shown(obj.balance)

    @admin.display(description="held", ordering="held")
    def held_shown(self, obj):
        return shown(obj.held)

    @admin.display(description="credit")
    def add_credit_link(self, obj):
        return format_html('<a href="{}">Add credit</a>', reverse("admin:ads_advertiser_credit", args=[obj.pk]))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        versions.campaigns_changed()  # a status or name change alters what may be shown

    @admin.action(description="Suspend: show none of their ads")
    def suspend(self, request, queryset):
        done = queryset.update(status=Advertiser.Status.SUSPENDED)
        versions.campaigns_changed()
        self.message_user(request, f"{done} advertisers suspended.")

    @admin.action(description="Activate: their approved campaigns may deliver again")
    def activate(self, request, queryset):
        done = queryset.update(status=Advertiser.Status.ACTIVE)
        versions.campaigns_changed()
        self.message_user(request, f"{done} advertisers activated.")

    def get_urls(self):
        credit = path("<int:pk>/credit/", self.admin_site.admin_view(self.credit_view), name="ads_advertiser_credit")
        return [credit, *super().get_urls()]

    def credit_view(self, request, pk: int):
        """Post a credit made by the signed-in operator, then back to the advertiser."""
        advertiser = get_object_or_404(Advertiser, pk=pk)
        if not self.has_change_permission(request, advertiser):
            raise PermissionDenied
        form = CreditForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            amount = form.cleaned_data["amount"]
            ledger.credit(pk, amount, note=form.cleaned_data["note"], by=request.user)
            versions.campaigns_changed()
            budget.forget_refusals()
            messages.success(request, f"{shown(amount)} added to {advertiser.name}.")
            return redirect("admin:ads_advertiser_change", pk)
        context = {**self.admin_site.each_context(request), "title": f"Add credit to {advertiser.name}",
                   "advertiser": advertiser, "form": form, "opts": self.model._meta,
                   "balance": shown(advertiser.balance), "held": shown(advertiser.held)}
        return TemplateResponse(request, "admin/ads/advertiser/add_credit.html", context)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "advertiser", "kind", "amount", "balance_after", "campaign", "day", "note",
                    "created_by")
    list_filter = ("kind",)
    search_fields = ("advertiser__name", "note")
    date_hierarchy = "created_at"

    def get_actions(self, request):
        return {}  # not even the bulk delete: the ledger is history


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    """Read-mostly: moderation and editing happen in the advertiser and moderator pages; here an
    operator may change a campaign's status (say, pause one) and nothing else."""

    list_display = ("name", "advertiser", "status", "budget_total", "budget_daily", "bid_cpm", "spent",
                    "committed", "start_at", "end_at")
    list_filter = ("status",)
    search_fields = ("name", "advertiser__name", "headline")
    fields = ("advertiser", "name", "status", "headline", "body", "brand", "cta", "landing_url", "image_url",
              "places", "radius_km", "channels", "start_at", "end_at", "budget_total", "budget_daily", "bid_cpm",
              "frequency_cap", "committed", "spent", "landing_check", "reviewed_by", "reviewed_at",
              "review_reason")

    def get_readonly_fields(self, request, obj=None):
        return [f for f in self.fields if f != "status"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        versions.campaigns_changed()


@admin.register(CampaignDay)
class CampaignDayAdmin(ReadOnlyAdmin):
    list_display = ("campaign", "day", "impressions", "clicks", "spend", "charged", "committed", "released")
    search_fields = ("campaign__name",)
    date_hierarchy = "day"
