"""``/metrics``: every figure of ``prometheus.py`` for a Prometheus holding ``LOCALWIRE_METRICS_TOKEN``.

No token set: the endpoint is off and answers 404 like any address the site does not have. A
missing or wrong token: 401 with ``WWW-Authenticate: Bearer``, the status HTTP gives to "tell me
who you are" (403 would say the caller is known and refused, and nobody is ever known here); the
token is compared in constant time. The answer is never kept by a cache or proxy (``no-store``),
carries no ad (it is not HTML) and counts no page view (only article pages count those).

A part that cannot be read (the database away, Redis away) is left out and the rest still
answers, so the request counts, 503s included, stay visible during the outage they describe;
``localwire_database_up`` says whether the database's figures are there.
"""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from localwire.metrics import gauges, prometheus, totals

log = logging.getLogger(__name__)


@require_safe
@never_cache
def metrics_view(request):
    token = settings.LOCALWIRE_METRICS_TOKEN
    if not token:
        raise Http404("metrics are off")
    if not _bearer_matches(request, token):
        response = HttpResponse("/metrics needs the header Authorization: Bearer <LOCALWIRE_METRICS_TOKEN>\n",
                                status=401, content_type="text/plain; charset=utf-8")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=prometheus.CONTENT_TYPE)


def _bearer_matches(request, token: str) -> bool:
    scheme, _, given = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def exposition() -> str:
    families = []
    try:
        families += prometheus.request_families(totals.read())
    except Exception as exc:
        log.warning("/metrics: the request totals could not be read: %s", exc)
    figures = _quietly(gauges.kept_database_figures, "the database's figures")
    families += prometheus.database_families(figures)
    families.append(prometheus.queue_family(_quietly(gauges.queue_depths, "the Celery queue's length")))
    families += prometheus.shared_cache_families(_quietly(gauges.shared_cache_lookups, "the shared cache's counts"))
    return prometheus.render(families)


def _quietly(read, what: str):
    try:
        return read()
    except Exception as exc:  # one line each scrape: the outage itself is logged where it hurts
        log.warning("/metrics: %s could not be read: %s", what, exc)
        return None
