"""Localwire: a self-hostable local news platform."""

__version__ = "0.1.0"


def __getattr__(name):
    # Celery's ``-A localwire`` looks for ``localwire.celery_app``/``app``; load it only then,
    # so importing the package never requires Celery to be configured.
    if name in {"celery_app", "app"}:
        from localwire.celery import app

        return app
    raise AttributeError(name)
