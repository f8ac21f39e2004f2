"""The apply form on /contributors: it only collects the fields; ``applying.apply_typed`` checks them."""

from __future__ import annotations

from django import forms

from localwire.contributors.actions import MAX_BIO, MAX_NAME


class ApplyForm(forms.Form):
    name = forms.CharField(max_length=MAX_NAME, label="Name you publish under")
    bio = forms.CharField(max_length=MAX_BIO, required=False, widget=forms.Textarea(attrs={"rows": 4}),
                          label="About you", help_text="Who you are and what you cover, in a few lines.")
    home_city = forms.CharField(max_length=200, label="Home city",
                                help_text="With the state or country when several towns share the name, "
                                          "e.g. “Springfield, Illinois”.")
    evidence = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               label="Links to past work (optional)",
                               help_text="One link a line. Moderators read them before giving a "
                                         "Community Voice Pro or Journalist label.")

    def links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("evidence", "").splitlines() if line.strip()]
