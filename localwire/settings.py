"""Django settings for Localwire, read from the environment.

Every variable is documented in docs/configuration.md with its default.
"""

from __future__ import annotations

import dj_database_url

from localwire.env import (
    ConfigError,
    env_amount,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_path,
    env_str,
    env_time_zone,
)
from localwire.home import DEFAULT_HOME, ensure_home, load_or_create_secret_key

LOCALWIRE_HOME = ensure_home(env_path("LOCALWIRE_HOME", DEFAULT_HOME))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or load_or_create_secret_key(LOCALWIRE_HOME)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env_str("LOCALWIRE_SITE_NAME", "Localwire")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",  # its templates and static Swagger UI: /api/v1/docs loads nothing from a CDN
    "localwire.sources",
    "localwire.articles",
    "localwire.pipeline",
    "localwire.channels",
    "localwire.stories",
    "localwire.search",
    "localwire.feeds",
    "localwire.community",
    "localwire.metrics",
    "localwire.contributors",
    "localwire.publishers",
    "localwire.ads",
    "localwire.web",
]

MIDDLEWARE = [
    "localwire.metrics.requests.RequestMetricsMiddleware",  # first: its clock covers all the others
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "localwire.caching.conditional.PersonalPagesMiddleware",  # Cache-Control: private for readers with a session
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "localwire.web.csp.ContentSecurityPolicyMiddleware",
    "localwire.ads.slots.AdSlotsMiddleware",  # last: fills ad slots on fresh and kept pages alike
]

ROOT_URLCONF = "localwire.urls"
WSGI_APPLICATION = "localwire.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "localwire.web.context.site",
            ],
        },
    },
    {   # the hot pages' main content (``web/jinja.py``), inside the Django base layout above
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "localwire.web.jinja.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "localwire.web.context.site",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(LOCALWIRE_HOME / "localwire.sqlite3"),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers
                # queue on busy_timeout instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # Kept between requests like a server's: opening one (the file, the pragmas, the SQL
            # functions Django registers) was a tenth of an article page's CPU.
            "CONN_MAX_AGE": env_int("LOCALWIRE_DB_CONN_MAX_AGE", 60, minimum=0),
        }
    try:
        # Connections are kept between requests and checked before each reuse (CONN_HEALTH_CHECKS), so a
        # database restart costs the requests in flight a 503 (web/unavailable.py), not every later one.
        config = dj_database_url.parse(url, conn_max_age=env_int("LOCALWIRE_DB_CONN_MAX_AGE", 60, minimum=0),
                                       conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types
        raise ConfigError(f"DATABASE_URL is not a database URL Localwire understands: {exc}") from None
    if config["ENGINE"].endswith("postgresql"):
        options = config.setdefault("OPTIONS", {})
        # An unreachable server fails a request in seconds instead of holding its worker for minutes.
        options.setdefault("connect_timeout", env_int("LOCALWIRE_DB_CONNECT_TIMEOUT", 5, minimum=1))
        statement_ms = env_int("LOCALWIRE_DB_STATEMENT_TIMEOUT_MS", 0, minimum=0)
        # The planner's price of a page read out of order. PostgreSQL's 4 is for spinning disks; on SSD or
        # memory it passed over GIN indexes (a search's common word: a scan of every document, 9 ms, for
        # a bitmap of its matches, 1.4 ms). 0 leaves the server's own setting.
        page_cost = env_float("LOCALWIRE_DB_RANDOM_PAGE_COST", 1.1, minimum=0)
        server = [options.get("options", ""),
                  # deploy/ sets a short one for web processes, a long one for workers
                  f"-c statement_timeout={statement_ms}" if statement_ms else "",
                  f"-c random_page_cost={page_cost:g}" if page_cost else ""]
        if any(server):
            options["options"] = " ".join(part for part in server if part)
    return config


DATABASES = {"default": _database()}


def _cache() -> dict:
    """``CACHE_URL``: empty or ``locmem://`` keeps a cache in each process; ``redis://`` shares one."""
    url = env_str("CACHE_URL")
    if not url or url == "locmem://":
        # Room for a day of "this visitor saw this article" marks on a small site (docs/publishers.md).
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "localwire",
                "OPTIONS": {"MAX_ENTRIES": env_int("LOCALWIRE_CACHE_MAX_ENTRIES", 100_000, minimum=1000)}}
    if url.startswith(("redis://", "rediss://", "unix://")):
        # Short socket timeouts: a slow or absent Redis costs a page a fraction of a second, not a hang.
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    raise ConfigError(f"CACHE_URL must be empty, locmem:// or a redis:// URL, not {url!r}")


def _page_cache(default: dict) -> dict:
    """Kept pages (caching/pages.py) apart from the counts: a flood of pages never pushes out a
    pending view count. In-process, at most LOCALWIRE_PAGE_CACHE_MAX_ENTRIES pages (a few KB each,
    compressed); in Redis, the same server under their own key prefix, each page expiring by itself."""
    if default["BACKEND"].endswith("LocMemCache"):
        return {"BACKEND": default["BACKEND"], "LOCATION": "localwire-pages",
                "OPTIONS": {"MAX_ENTRIES": env_int("LOCALWIRE_PAGE_CACHE_MAX_ENTRIES", 5000, minimum=100)}}
    return {**default, "KEY_PREFIX": "pages"}


CACHES = {"default": _cache()}
CACHES["pages"] = _page_cache(CACHES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_time_zone("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ensure_home(LOCALWIRE_HOME / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The largest request body `localwire serve` reads (the follows import, at 1 MB, is the largest form).
LOCALWIRE_MAX_REQUEST_BYTES = env_int("LOCALWIRE_MAX_REQUEST_BYTES", 5_000_000, minimum=1_100_000)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Behind a TLS-terminating proxy the app sees plain HTTP; trusting the proxy's X-Forwarded-Proto makes
# absolute URLs (feeds, sitemaps, Open Graph) say https. Only when the proxy sets or strips that header.
LOCALWIRE_TRUST_X_FORWARDED_PROTO = env_bool("LOCALWIRE_TRUST_X_FORWARDED_PROTO", False)
if LOCALWIRE_TRUST_X_FORWARDED_PROTO:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served over HTTPS only (docs/operations.md#production): cookies never sent in clear, HSTS, plain
# HTTP redirected. Behind a TLS proxy the redirect needs the trusted header above, or it never ends.
LOCALWIRE_HTTPS = env_bool("LOCALWIRE_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = LOCALWIRE_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("LOCALWIRE_HSTS_SECONDS", 31_536_000, minimum=0) if LOCALWIRE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LOCALWIRE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("LOCALWIRE_HSTS_PRELOAD", False)
# HSTS for other subdomains and the browsers' preload list bind more than this site: off unless chosen,
# and `check --deploy` is not to nag about a choice left to the operator.
SILENCED_SYSTEM_CHECKS = [check for check, chosen in (("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
                                                      ("security.W021", SECURE_HSTS_PRELOAD)) if not chosen]

# --- Accounts ---------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": env_int("LOCALWIRE_PASSWORD_MIN_LENGTH", 10, minimum=10)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
LOCALWIRE_LOGIN_MAX_FAILURES = env_int("LOCALWIRE_LOGIN_MAX_FAILURES", 5, minimum=1)
LOCALWIRE_LOGIN_WINDOW = env_int("LOCALWIRE_LOGIN_WINDOW", 900, minimum=1)
# Comments (docs/comments.md): how many one reader, and one address, may post in a window of seconds.
LOCALWIRE_COMMENT_USER_LIMIT = env_int("LOCALWIRE_COMMENT_USER_LIMIT", 5, minimum=1)
LOCALWIRE_COMMENT_IP_LIMIT = env_int("LOCALWIRE_COMMENT_IP_LIMIT", 20, minimum=1)
LOCALWIRE_COMMENT_WINDOW = env_int("LOCALWIRE_COMMENT_WINDOW", 600, minimum=1)
# Reports one reader may file per comment window: reporting holds comments, so it is rationed too.
LOCALWIRE_REPORT_USER_LIMIT = env_int("LOCALWIRE_REPORT_USER_LIMIT", 10, minimum=1)
# Contributors' posts (docs/contributors.md, "Review rules"): a submitted post linking to more outside sites
# than this, or past this many submissions in a day, is held with the reason for a moderator to read.
LOCALWIRE_POST_MAX_LINK_HOSTS = env_int("LOCALWIRE_POST_MAX_LINK_HOSTS", 3, minimum=0)
LOCALWIRE_POST_DAILY_LIMIT = env_int("LOCALWIRE_POST_DAILY_LIMIT", 5, minimum=1)
# Submissions one contributor, and one address, may make in a window of seconds (docs/contributors.md).
LOCALWIRE_POST_SUBMIT_USER_LIMIT = env_int("LOCALWIRE_POST_SUBMIT_USER_LIMIT", 10, minimum=1)
LOCALWIRE_POST_SUBMIT_IP_LIMIT = env_int("LOCALWIRE_POST_SUBMIT_IP_LIMIT", 30, minimum=1)
LOCALWIRE_POST_SUBMIT_WINDOW = env_int("LOCALWIRE_POST_SUBMIT_WINDOW", 3600, minimum=1)
# Reset links mailed to one address an hour: the form must not be a way to flood someone's inbox.
LOCALWIRE_PASSWORD_RESET_LIMIT = env_int("LOCALWIRE_PASSWORD_RESET_LIMIT", 3, minimum=1)
# Accounts one address may open an hour: a script must not mint accounts to get round per-reader limits.
LOCALWIRE_SIGNUP_IP_LIMIT = env_int("LOCALWIRE_SIGNUP_IP_LIMIT", 10, minimum=1)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600, minimum=60)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "localwire@localhost")


# --- Fetching -------------------------------------------------------------
LOCALWIRE_FETCH_ALLOW_PRIVATE = env_str("LOCALWIRE_FETCH_ALLOW_PRIVATE")
LOCALWIRE_USER_AGENT = env_str(
    "LOCALWIRE_USER_AGENT",
    "Localwire/0.1 (+https://github.com/localwire/localwire; news aggregator)",
)
LOCALWIRE_FETCH_TIMEOUT = env_float("LOCALWIRE_FETCH_TIMEOUT", 30.0, minimum=1.0)
LOCALWIRE_FETCH_MAX_BYTES = env_int("LOCALWIRE_FETCH_MAX_BYTES", 10_000_000, minimum=10_000)
LOCALWIRE_FETCH_PER_HOST = env_int("LOCALWIRE_FETCH_PER_HOST", 4, minimum=1)


def _fetch_slots_url() -> str:
    """Where the per-host cap is counted (sources/hostcap.py): a Redis every process shares, named
    or else the cache's or the broker's; empty (or ``local``) counts in each process."""
    chosen = env_str("LOCALWIRE_FETCH_SLOTS_URL")
    redis_schemes = ("redis://", "rediss://", "unix://")
    if chosen == "local":
        return ""
    if chosen and not chosen.startswith(redis_schemes):
        raise ConfigError(f"LOCALWIRE_FETCH_SLOTS_URL must be a redis:// URL or local, not {chosen!r}")
    found = [url for url in (chosen, env_str("CACHE_URL"), env_str("CELERY_BROKER_URL")) if url.startswith(redis_schemes)]
    return found[0] if found else ""


LOCALWIRE_FETCH_SLOTS_URL = _fetch_slots_url()
LOCALWIRE_RESPECT_ROBOTS = env_bool("LOCALWIRE_RESPECT_ROBOTS", True)

# --- Scheduling and workers -------------------------------------------------
LOCALWIRE_POLL_INTERVAL = env_int("LOCALWIRE_POLL_INTERVAL", 900, minimum=60)
LOCALWIRE_WORKERS = env_int("LOCALWIRE_WORKERS", 4, minimum=1)
LOCALWIRE_WEB_PROCESSES = env_int("LOCALWIRE_WEB_PROCESSES", 1, minimum=1)  # `localwire serve` copies sharing the port
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task past its soft limit gets an exception it can clean up after; past the hard limit its process
# is replaced. Redis hands a task nobody acknowledged to another worker after the visibility timeout,
# so that must be longer than the hard limit, or a slow task would run twice at once.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("LOCALWIRE_TASK_SOFT_TIME_LIMIT", 600, minimum=10)
CELERY_TASK_TIME_LIMIT = env_int("LOCALWIRE_TASK_TIME_LIMIT", 900, minimum=CELERY_TASK_SOFT_TIME_LIMIT + 1)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int(
    "LOCALWIRE_TASK_VISIBILITY_TIMEOUT", 3600, minimum=CELERY_TASK_TIME_LIMIT + 1)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a Redis restart is waited out, however long
# With late acknowledgement a task running when the broker connection drops is sent again; stopping
# it then keeps two copies from running at once.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# How long a feed claimed for a poll waits for it; a poll lost with a worker or the broker is sent again
# after this. Longer than a poll takes (LOCALWIRE_FETCH_TIMEOUT and storing its entries).
LOCALWIRE_FEED_CLAIM_SECONDS = env_int("LOCALWIRE_FEED_CLAIM_SECONDS", 300, minimum=30)
# How often beat re-sends entries a lost worker left pending and runs the recovery sweeps.
LOCALWIRE_RETRY_SECONDS = env_int("LOCALWIRE_RETRY_SECONDS", 300, minimum=10)
# How long a worker holds the articles it is understanding; a killed worker's batch is free after it.
LOCALWIRE_ANALYSIS_LEASE_SECONDS = env_int("LOCALWIRE_ANALYSIS_LEASE_SECONDS", 600, minimum=30)

# --- Understanding -----------------------------------------------------------
LOCALWIRE_ANALYZE = env_bool("LOCALWIRE_ANALYZE", True)

# --- Search -----------------------------------------------------------------
# Age in days at which a match counts half as much as the same match published now (docs/search.md).
LOCALWIRE_SEARCH_HALF_LIFE_DAYS = env_float("LOCALWIRE_SEARCH_HALF_LIFE_DAYS", 30.0, minimum=0.1)

# --- Publisher profiles and view counts (docs/publishers.md) ----------------
LOCALWIRE_COUNT_VIEWS = env_bool("LOCALWIRE_COUNT_VIEWS", True)
# Anonymous readers' pages are kept this long (0: never); see caching/pages.py.
LOCALWIRE_PAGE_CACHE_SECONDS = env_int("LOCALWIRE_PAGE_CACHE_SECONDS", 60, minimum=0)
# For you's candidate pool is stored when articles change; a page finding it older builds it (0: every page).
LOCALWIRE_FOR_YOU_POOL_SECONDS = env_int("LOCALWIRE_FOR_YOU_POOL_SECONDS", 120, minimum=0)
# Signed-in readers' opened articles, for For you (docs/accounts.md); flushed with the view counts.
LOCALWIRE_READING_HISTORY = env_bool("LOCALWIRE_READING_HISTORY", True)
LOCALWIRE_VIEWS_FLUSH_SECONDS = env_int("LOCALWIRE_VIEWS_FLUSH_SECONDS", 60, minimum=5)
# Reverse proxies in front of Localwire that append the client address to X-Forwarded-For.
LOCALWIRE_PROXY_HOPS = env_int("LOCALWIRE_PROXY_HOPS", 0, minimum=0)

# --- Advertising (docs/ads.md) ------------------------------------------------
# Off: no slot is filled and /api/v1/ads answers no ads; accounts, campaigns and reports still work.
LOCALWIRE_ADS = env_bool("LOCALWIRE_ADS", True)
LOCALWIRE_ADS_CURRENCY = env_str("LOCALWIRE_ADS_CURRENCY") or "USD"
# The lowest CPM a campaign may bid, and what a winner alone in its auction pays.
LOCALWIRE_ADS_FLOOR_CPM = env_amount("LOCALWIRE_ADS_FLOOR_CPM", "1.00")

# --- Images -----------------------------------------------------------------
LOCALWIRE_IMAGE_CACHE = LOCALWIRE_HOME / "cache" / "img"
LOCALWIRE_IMAGE_MAX_BYTES = env_int("LOCALWIRE_IMAGE_MAX_BYTES", 15_000_000, minimum=10_000)
# 24 Mpx is a 6000 x 4000 camera original, more than any news photo needs to be shown at 1024 px wide.
LOCALWIRE_IMAGE_MAX_PIXELS = env_int("LOCALWIRE_IMAGE_MAX_PIXELS", 24_000_000, minimum=10_000)
# Image work per process (articles/imagefetch.py): fetches at once, decodes at once, a fetch's deadline,
# and how long a failed image (or a host that timed out) is not asked again.
LOCALWIRE_IMAGE_FETCHES = env_int("LOCALWIRE_IMAGE_FETCHES", 4, minimum=1)
LOCALWIRE_IMAGE_DECODES = env_int("LOCALWIRE_IMAGE_DECODES", 1, minimum=1)
LOCALWIRE_IMAGE_TIMEOUT = env_float("LOCALWIRE_IMAGE_TIMEOUT", 8.0, minimum=1.0)
LOCALWIRE_IMAGE_RETRY_SECONDS = env_int("LOCALWIRE_IMAGE_RETRY_SECONDS", 300, minimum=0)
LOCALWIRE_IMAGE_WIDTHS = (320, 640, 1024)
# Contributors' uploaded images (articles/uploads.py): the largest file accepted, before decoding.
LOCALWIRE_UPLOAD_MAX_BYTES = env_int("LOCALWIRE_UPLOAD_MAX_BYTES", 10_000_000, minimum=10_000)

# --- Watching it (docs/monitoring.md) -----------------------------------------
# /metrics answers a Prometheus holding this token (Authorization: Bearer …); empty: /metrics is off (404).
LOCALWIRE_METRICS_TOKEN = env_str("LOCALWIRE_METRICS_TOKEN")
if LOCALWIRE_METRICS_TOKEN and len(LOCALWIRE_METRICS_TOKEN) < 16:
    raise ConfigError("LOCALWIRE_METRICS_TOKEN must be at least 16 characters (try: openssl rand -hex 24)")
# text: readable lines; json: one JSON object a line, for a log collector.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("text", "json"))
# An INFO line per request (method, path, status, ms, page) from the logger localwire.access.
LOG_REQUESTS = env_bool("LOG_REQUESTS", False)
# Celery workers log through the LOGGING below (LOG_FORMAT included) instead of setting up their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
                   "json": {"()": "localwire.logs.JsonLines"}},
    "filters": {"client_errors": {"()": "localwire.logs.ClientErrorsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                             "filters": ["client_errors"]}},
    "root": {"handlers": ["console"],
             "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        # Asked for by LOG_REQUESTS, so written whatever LOG_LEVEL says.
        "localwire.access": {"level": "INFO"},
        # Junk pages are ordinary input: the extractor's fallbacks handle them, and Localwire
        # logs what it could not do with the feed and entry ids. Their complaints are noise.
        "trafilatura": {"level": "CRITICAL"},
        "htmldate": {"level": "CRITICAL"},
        "courlan": {"level": "CRITICAL"},
        "justext": {"level": "CRITICAL"},
    },
}
