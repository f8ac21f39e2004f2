"""Forms for sign-up, log-in, the profile, deleting an account, tokens and importing follows."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError

from localwire.community import actions, throttle
from localwire.community.models import Profile
from localwire.community.portability import MAX_BYTES
from localwire.nlp import cities


class SignUpForm(UserCreationForm):
    """A username, an optional e-mail address for password resets, and a password that passes
    every validator in AUTH_PASSWORD_VALIDATORS (the form runs them with the new user's details)."""

    email = forms.EmailField(required=False, help_text="Only used to reset your password.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError("An account already uses this e-mail address.")
        return email


class ThrottledLogin:
    """Refuses a log-in form for a while after too many failures (see ``throttle``). The attempt is
    counted before the password is checked, so parallel guesses cannot outrun the count."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # no password to check: the fields' own errors say what is missing
        address = throttle.client_address(self.request)
        wait = throttle.attempt(username, address)
        if wait:
            minutes = max(1, (wait + 59) // 60)
            raise ValidationError(
                f"Too many failed log-ins. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
                code="throttled",
            )
        cleaned = super().clean()  # a wrong password raises here, and its attempt stays counted
        throttle.succeeded(username, address)
        return cleaned


class ThrottledLoginForm(ThrottledLogin, AuthenticationForm):
    """The site's log-in form."""


class ThrottledAdminLoginForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin's log-in form, under the same counts: it is another door to the same accounts."""


class TownChoice(forms.TypedChoiceField):
    """The town the reader picked among those sharing the name they typed. A pick left over from
    another name is not an error: the name is simply still to be settled."""

    def validate(self, value):
        pass


class ThrottledPasswordResetForm(PasswordResetForm):
    """Mails at most ``LOCALWIRE_PASSWORD_RESET_LIMIT`` reset links an hour to one address, so the form
    cannot be used to flood someone's inbox. Past that it sends nothing and the page reads the same,
    as it does for an unknown address."""

    WINDOW = 3600

    def get_users(self, email):
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
        if throttle.spend(f"reset:email:{digest}", settings.LOCALWIRE_PASSWORD_RESET_LIMIT, self.WINDOW):
            return iter(())
        return super().get_users(email)


class ProfileForm(forms.ModelForm):
    home = forms.CharField(
        label="Home city", required=False, max_length=300,
        help_text="Start typing and pick a city, e.g. “Little Rock, Arkansas, US”. Leave empty for none.",
        widget=forms.TextInput(attrs={"list": "place-options", "autocomplete": "off", "data-places": "1"}),
    )
    home_choice = TownChoice(label="Which one?", required=False, coerce=int, empty_value=None,
                             widget=forms.RadioSelect)

    class Meta:
        model = Profile
        fields = ("display_name",)
        help_texts = {"display_name": "Shown beside anything you post. Leave empty to use your username."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.home_geonameid:
            self.fields["home"].initial = self.instance.home_label
        text = (self.data.get("home") or "").strip() if self.is_bound else ""
        self.match = cities.look_up(text) if text and not self._is_current(text) else None
        self.fields["home_choice"].choices = [(c.geonameid, c.choice_text) for c in
                                              (self.match.choices if self.match else ())]

    def _is_current(self, text: str) -> bool:
        return bool(self.instance.home_geonameid) and text == self.instance.home_label

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("home") or "").strip()
        if not text:
            cleaned["home"] = None
        elif self._is_current(text):
            cleaned["home"] = cities.by_id(self.instance.home_geonameid)
        else:
            match = cities.chosen(self.match, cleaned.get("home_choice"))
            if match.city is None:
                self.add_error("home", match.message)
            cleaned["home"] = match.city
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=False)
        actions.set_home(profile, self.cleaned_data.get("home"), save=False)
        if commit:
            profile.save()
        return profile


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label="Your password", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise ValidationError("That is not your password.")
        return self.cleaned_data["password"]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What the token is for, e.g. “my feed reader”.")


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A Localwire follows export (.json) or an OPML file (.opml, .xml).")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(f"The file is larger than {MAX_BYTES // 1000} kB.")
        return upload
