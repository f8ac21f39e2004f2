"""Signals other apps listen to without the pipeline knowing them."""

from django.dispatch import Signal

# Sent after a batch of articles was stored, grouped into stories or understood; pages that list
# articles are out of date from then on (the web app's page cache listens).
articles_changed = Signal()
