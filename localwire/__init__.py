"""Localwire: a self-hostable local news platform."""

import os

__version__ = "0.1.0"

# One BLAS thread per process: understanding runs one process per core (Celery's prefork, the
# benchmark's pool), and each process's BLAS starting a thread per core as well oversubscribed two
# cores so badly that two processes did 32 articles/s instead of 44. Set before numpy is first
# imported; an operator's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")


def __getattr__(name):
    # Celery's ``-A localwire`` looks for ``localwire.celery_app``/``app``; load it only then,
    # so importing the package never requires Celery to be configured.
    if name in {"celery_app", "app"}:
        from localwire.celery import app

        return app
    raise AttributeError(name)
