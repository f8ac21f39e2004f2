"""Test clients that behave as a browser does where Django's own test client does not."""

from __future__ import annotations

from django.test import Client


def csrf_checking_client(user=None) -> Client:
    """A client that must send the CSRF token to write, as a browser must (Django's test client
    skips the check unless asked), signed in as ``user`` when one is given."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def bearer_client(user) -> Client:
    """A client that calls the API with a fresh bearer token of ``user``, as an app or a script does
    (``client.user`` is that user)."""
    from localwire.community.models import ApiToken

    _, raw = ApiToken.issue(user, "tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.user = user
    return client
