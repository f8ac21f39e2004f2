"""Who calls the API: a reader's bearer token (made at /account/tokens) or the site's own session.

Session callers send the CSRF token on writes (``X-CSRFToken``), as the site's own pages do;
token callers need no CSRF token, as no browser attaches a bearer token by itself.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from localwire.community.comments import can_moderate
from localwire.community.models import ApiToken, hash_token

LAST_USED_EVERY = timedelta(minutes=1)  # write last_used_at at most this often per token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        if not token or len(token) > 200:
            return None
        row = ApiToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
        if row is None or not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user


READER = [BearerToken(), django_auth]  # a signed-in reader, by either way in


def require_moderator(request):
    """The signed-in moderator making the request; 403 for anyone else."""
    if not can_moderate(request.auth):
        raise HttpError(403, "Only moderators may do this.")
    return request.auth
