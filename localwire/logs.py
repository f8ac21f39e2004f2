"""Logging that anyone on the internet cannot flood with tracebacks, as text or JSON lines.

Django logs a refused Host header (``django.security.DisallowedHost``) and every 4xx it raised
from an exception (``django.request``: "Forbidden (Permission denied)") with the full traceback.
Those are the client's mistakes, sent at will: the operator needs one line saying what and
where, not thirty lines of Django's own frames. Server errors (5xx) keep their traceback.

``LOG_FORMAT=json`` writes each record as one JSON object on one line (``JsonLines``), for a log
collector that would otherwise have to guess where a traceback ends.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timezone


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


# Fields a record may carry (``extra=``): the access log's, and the ids the pipeline logs by.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "page")
ID_FIELDS = ("feed", "entry")
# The pipeline writes "feed=12 poll failed …", "entry=345 failed": the ids become fields.
IDS_IN_MESSAGE = re.compile(r"\b(feed|entry)=(\d+)\b")


class JsonLines(logging.Formatter):
    """One JSON object a record: time (UTC, ISO 8601), level, logger, message, pid; the request's
    method, path, status and duration_ms where the record is about one; feed and entry ids; the
    exception's text (a traceback is a field, never lines of its own)."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": message, "pid": record.process}
        line.update(_request_fields(record))
        line.update((name, int(value)) for name, value in IDS_IN_MESSAGE.findall(message))
        line.update((name, getattr(record, name)) for name in ID_FIELDS if hasattr(record, name))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _request_fields(record: logging.LogRecord) -> dict:
    """The access log's own fields, or what Django's request loggers attach (the request, its status)."""
    fields = {name: getattr(record, name) for name in REQUEST_FIELDS if hasattr(record, name)}
    request = getattr(record, "request", None)
    if hasattr(request, "method") and hasattr(request, "path"):  # django.server attaches a socket instead
        fields.setdefault("method", request.method)
        fields.setdefault("path", request.path)
    status = getattr(record, "status_code", None)
    if isinstance(status, int):
        fields.setdefault("status", status)
    return fields
