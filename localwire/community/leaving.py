"""What the apps above community do with their rows when a reader deletes their account.

``actions.delete_account`` deletes the user, and with them everything that hangs off the user by
``on_delete=CASCADE``. An app built on community may own rows that outlive the user or point
elsewhere (a contributor's channel, the articles their posts became), and community cannot name
it. Such an app registers here, in its ``AppConfig.ready()``, a function that runs inside the
deletion's transaction, before the user row goes; it returns what it did, by model, for the log.
"""

from __future__ import annotations

from typing import Callable

Leaving = Callable[[object], dict[str, int]]

_leaving: dict[str, Leaving] = {}


def register(name: str, leaving: Leaving) -> None:
    """Registering a name again replaces what it registered (``ready()`` may run more than once)."""
    _leaving[name] = leaving


def before_delete(user) -> dict[str, int]:
    """Runs every registered function for this user; their counts together."""
    counts: dict[str, int] = {}
    for leaving in _leaving.values():
        for model, n in leaving(user).items():
            counts[model] = counts.get(model, 0) + n
    return counts
