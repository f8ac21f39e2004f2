"""The forms of /advertise: they only collect fields and shape them as the API's JSON, so
``accounts`` and ``campaigns`` refuse the same things on a page as through the API. A refusal's
dotted field ("creative.headline") is shown beside the form's own field ("headline")."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from localwire.ads import accounts, campaign_fields, campaigns, review
from localwire.ads.models import Campaign
from localwire.ads.targeting import RADIUS_DEFAULT, place_labels

CREATIVE = campaigns.CREATIVE
GROUPS = {"creative": CREATIVE, "targeting": ("places", "radius_km", "channels"), "schedule": ("start", "end"),
          "budget": ("total", "daily")}
FORM_NAME = {"total": "budget_total", "daily": "budget_daily"}
MOMENT = "%Y-%m-%dT%H:%M:%S"


class AccountForm(forms.Form):
    name = forms.CharField(max_length=accounts.MAX_NAME, label="Advertiser name",
                           help_text="Shown beside “Sponsored” on every ad, e.g. your shop's name.")
    website = forms.CharField(max_length=accounts.MAX_URL, label="Website",
                              help_text="Your business's site, e.g. https://cornerbakery.example/")


def _lines(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(required=False, label=label, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": 3}))


def _text(label: str, limit: int = 500, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(required=required, max_length=limit, label=label, help_text=help_text, strip=False)


def _moment(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=False,
                           widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": "1"}))


class CampaignForm(forms.Form):
    name = _text("Campaign name", campaign_fields.MAX_NAME, help_text="For you only; readers never see it.")
    headline = _text("Headline", 90, help_text="At most 90 characters.")
    body = _text("Body", 200, help_text="Optional; at most 200 characters.")
    brand = _text("Brand", 60, help_text="At most 60 characters.")
    cta = _text("Call to action", 30, help_text="The button's words, e.g. “See the menu”; at most 30 characters.")
    landing_url = _text("Landing page", help_text="Where a click leads: an http:// or https:// address.")
    image_url = _text("Image address", help_text="Optional. Readers get it through this site, never from your server.")
    places = _lines("Places", "Towns, one a line, with the state or country when several share the name, "
                              "e.g. “Little Rock, Arkansas”.")
    radius_km = _text("Radius (km)", 10, help_text="How far around each town, from 1 to 300 km.")
    channels = _lines("Channels", "One a line, as the end of a channel page's address, e.g. topic/sports or "
                                  "city/little-rock-ar-us.")
    start = _moment("Start", "Local time.")
    end = _moment("End", "Local time; the ad stops showing after it.")
    budget_total = _text("Total budget", 20, help_text="In the site's currency, e.g. 150.00.")
    budget_daily = _text("Daily budget", 20, help_text="Optional; spread evenly over each day.")
    bid_cpm = _text("Bid per thousand impressions", 20)
    frequency_cap = _text("Frequency cap", 2, help_text="At most this many views of your ad per reader per day "
                                                        "(1–20).")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid_cpm"].help_text = (f"At least {campaign_fields.floor_cpm()}; the winner pays just enough "
                                            "to beat the next bid.")
        if not self.is_bound and not self.initial:
            self.initial = {"radius_km": str(RADIUS_DEFAULT), "frequency_cap": str(campaign_fields.CAP_DEFAULT)}

    def as_data(self, only_changed: bool = False) -> dict:
        """The campaign as the API's JSON; with ``only_changed``, only what the person changed."""
        changed = set(self.changed_data) if only_changed else set(self.fields)
        data = self.cleaned_data
        found: dict = {}
        for name in ("name", "bid_cpm", "frequency_cap"):
            if name in changed:
                found[name] = data[name]
        for group, names in GROUPS.items():
            if any(FORM_NAME.get(n, n) in changed for n in names):
                found[group] = {n: data[FORM_NAME.get(n, n)] for n in names}
        if "targeting" in found:
            for name in ("places", "channels"):
                found["targeting"][name] = [line for line in found["targeting"][name].splitlines() if line.strip()]
        return found

    def refused(self, exc: accounts.Refused) -> None:
        """Show a refusal beside the field it names (the whole form's, when none fits)."""
        part, _, name = exc.field.partition(".")
        name = name or part
        name = {"targeting": "places"}.get(name, FORM_NAME.get(name, name))
        self.add_error(name if name in self.fields else None, str(exc))
        self.offered = exc.choices


def initial_of(campaign: Campaign) -> dict:
    """The form's fields filled with a stored campaign, written as the person would type them."""
    local = timezone.localtime
    return {"name": campaign.name, **{name: getattr(campaign, name) for name in CREATIVE},
            "places": "\n".join(place_labels(campaign.places)), "radius_km": f"{campaign.radius_km:g}",
            "channels": "\n".join(campaign.channels), "start": local(campaign.start_at).strftime(MOMENT),
            "end": local(campaign.end_at).strftime(MOMENT), "budget_total": f"{campaign.budget_total:.2f}",
            "budget_daily": "" if campaign.budget_daily is None else f"{campaign.budget_daily:.2f}",
            "bid_cpm": f"{campaign.bid_cpm:.2f}", "frequency_cap": str(campaign.frequency_cap)}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[(review.APPROVE, "Approve"), (review.REJECT, "Reject")])
    reason = forms.CharField(max_length=review.MAX_REASON, required=False)
    seen = forms.DateTimeField(required=False)  # the version the moderator read (its updated_at)
