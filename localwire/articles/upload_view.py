"""Serving uploaded images at ``/media/uploads/<hash>.<ext>``.

The name is the hash of the bytes, so a file never changes under its address and may be kept a year.
Only names of that exact shape are looked up, so no request reaches outside the uploads folder. The
headers keep a browser from reading the file as anything but the image it was stored as.
"""

from __future__ import annotations

import re

from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from localwire.articles.uploads import uploads_dir

NAME = re.compile(r"[0-9a-f]{64}\.(jpg|png)")
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png"}
CACHE_CONTROL = "public, max-age=31536000, immutable"
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'",
                    "Cross-Origin-Resource-Policy": "same-origin"}


@require_safe
def upload_view(request, name: str):
    match = NAME.fullmatch(name)
    path = uploads_dir() / name
    if match is None or not path.is_file():
        raise Http404("no such upload")
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES[match.group(1)])
    response["Cache-Control"] = CACHE_CONTROL
    for header, value in SECURITY_HEADERS.items():
        response[header] = value
    return response
