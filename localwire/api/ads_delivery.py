"""Endpoints of the advertising part; see docs/ads.md."""

from __future__ import annotations

from ninja import Router

from localwire.api.auth import READER

router = Router(auth=READER, tags=["advertising"])
