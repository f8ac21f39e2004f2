"""The apply form on /for-publishers/apply and the moderators' decision form: they only collect
the fields; ``applying`` checks them, so the page and the API refuse the same things."""

from __future__ import annotations

from django import forms

from localwire.publishers import applying


class ApplyForm(forms.Form):
    name = forms.CharField(max_length=applying.MAX_NAME, label="Publication name")
    website = forms.CharField(max_length=applying.MAX_URL, label="Website",
                              help_text="The home page, e.g. https://www.riverbendledger.example/")
    feeds = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Feeds",
                            help_text=f"RSS, Atom or JSON Feed addresses, one a line (up to {applying.MAX_FEEDS}).")
    home_city = forms.CharField(max_length=200, required=False, label="Home city",
                                help_text="Where your newsroom is, with the state or country when several towns "
                                          "share the name, e.g. “Springfield, Illinois”.")
    about = forms.CharField(max_length=applying.MAX_ABOUT, required=False, label="About the publication",
                            widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="Who owns and edits it and what it covers, in a few lines.")
    contact_email = forms.EmailField(label="Contact e-mail", help_text="We write here with the decision.")

    def feed_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("feeds", "").splitlines() if line.strip()]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[(applying.APPROVE, "Approve"), (applying.REJECT, "Reject")])
    reason = forms.CharField(max_length=applying.MAX_REASON, required=False)
