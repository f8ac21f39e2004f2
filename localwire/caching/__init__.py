"""What Localwire keeps in Django's cache, at the bottom of the house so every layer may use it.

- ``pages``: whole pages for anonymous readers, and the version that retires them all at once.
- ``results``: slow, reader-independent results (related channels, related stories) kept a few
  minutes beside the pages, under the same switch.
- ``journal``: a numbered list of notes per day in the cache, with the lock its flusher holds; the
  request path appends (view counts, reading history) and a flusher drains into the database.

Nothing here knows a model: callers pass keys, values and functions.
"""
