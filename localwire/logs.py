"""Logging that anyone on the internet cannot flood with tracebacks.

Django logs a refused Host header (``django.security.DisallowedHost``) and every 4xx it raised
from an exception (``django.request``: "Forbidden (Permission denied)") with the full traceback.
Those are the client's mistakes, sent at will: the operator needs one line saying what and
where, not thirty lines of Django's own frames. Server errors (5xx) keep their traceback.
"""

from __future__ import annotations

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """On a handler: drop the traceback of records about a client's error, keep the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _about_a_client_error(record):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True


def _about_a_client_error(record: logging.LogRecord) -> bool:
    if record.name == "django.security" or record.name.startswith("django.security."):
        return True
    status = getattr(record, "status_code", None)
    return record.name == "django.request" and isinstance(status, int) and status < 500
