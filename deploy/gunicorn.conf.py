# gunicorn's configuration for Localwire's web processes: gunicorn -c deploy/gunicorn.conf.py
# Every value comes from the environment (deploy/localwire.env.example, docs/configuration.md);
# the reasons for each are in localwire/gunicorn_conf.py. Override below this line if you must.
from localwire.gunicorn_conf import *  # noqa: F401,F403
