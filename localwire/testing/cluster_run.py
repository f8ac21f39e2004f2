"""The fault harness: ingest under load with things breaking, then the invariants, judged by rows.

``run(Plan(...))`` starts the deployment (``cluster.py``), sends beat's first poll at once, lets
readers load pages while ingest runs, and meanwhile breaks things one after another:
the publisher answers 500s then hangs past the fetch deadline, one Celery worker is ``kill -9``'d
(and restarted), Redis is killed and restarted, and PostgreSQL's backends for the database are
terminated over and over for a few seconds. When every article is stored and understood (or the
time runs out) it checks, from the database alone: each article stored once and understood, no
entry left pending or failed, view counts lost no more than those readers made while counting
could not reach Redis, and no reader answered a 5xx other than a 503 with Retry-After.
It judges outcomes only, never how the pipeline keeps track of its work.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from localwire.testing import cluster

VIEWS_FLUSH_SECONDS = 5  # the least LOCALWIRE_VIEWS_FLUSH_SECONDS allows
COUNTING_PAUSE_SECONDS = 30  # metrics/counting.py stops counting this long after a cache error


@dataclass
class Plan:
    articles: int = 5000
    feeds: int = 50
    fault_every: float = 20.0  # seconds between faults, the first this long after ingest starts
    timeout: float = 3600.0
    readers: int = 4
    workers: int = 2
    web_processes: int = 2
    retry_seconds: int = 30


@dataclass
class Sample:
    at: float
    page: str
    status: int
    ms: float
    retry_after: bool


@dataclass
class Outcome:
    plan: Plan
    counts: dict = field(default_factory=dict)
    faults: list = field(default_factory=list)
    samples: list = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    views: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """The issue's JSON line."""
        c = self.counts
        seconds = max(self.finished - self.started, 1e-9)
        return {"bench": "cluster", "articles_expected": self.plan.articles, "articles_stored": c["stored"],
                "articles_understood": c["understood"], "duplicates": c["duplicates"],
                "stuck_entries": c["stuck"], "reader_5xx": reader_5xx(self.samples),
                "faults": [f["name"] for f in self.faults], "articles_per_s": round(c["understood"] / seconds, 2)}


def reader_5xx(samples) -> int:
    """Server errors a reader saw; a 503 with Retry-After while the database is away is allowed."""
    return sum(1 for s in samples if s.status >= 500 and not (s.status == 503 and s.retry_after))


def latency(samples, since: float, until: float) -> dict:
    ms = sorted(s.ms for s in samples if since <= s.at <= until and s.status < 500)
    if not ms:
        return {"pages": 0}
    return {"pages": len(ms), "p50_ms": round(statistics.median(ms), 1),
            "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1)}


class Readers:
    """Threads loading pages like anonymous readers, each article view from a new visitor so each
    200 is one counted view."""

    def __init__(self, base: str, db: cluster.ScratchPostgres, threads: int):
        self.base, self.db, self.threads = base, db, threads
        self.samples: list[Sample] = []
        self.ids: list[int] = []
        self._stop = threading.Event()
        self._serial = 0
        self._lock = threading.Lock()

    def start(self) -> Readers:
        self._workers = [threading.Thread(target=self._read, daemon=True) for _ in range(self.threads)]
        self._workers.append(threading.Thread(target=self._refresh_ids, daemon=True))
        for thread in self._workers:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._workers:
            thread.join(40)

    def _refresh_ids(self) -> None:
        while not self._stop.wait(2):
            try:
                self.ids = [row[0] for row in self.db.query("SELECT id FROM articles_article ORDER BY id DESC LIMIT 500")]
            except Exception:
                pass  # the database is away: keep the ids known so far

    def _read(self) -> None:
        rng = random.Random()
        while not self._stop.is_set():
            page, path = self._pick(rng)
            with self._lock:
                self._serial += 1
                agent = f"Mozilla/5.0 (X11; Linux x86_64) Reader/{self._serial}"
            started = time.monotonic()
            status, retry_after = self._get(path, agent)
            self.samples.append(Sample(started, page, status, (time.monotonic() - started) * 1000, retry_after))
            self._stop.wait(0.05)

    def _pick(self, rng: random.Random) -> tuple[str, str]:
        roll = rng.random()
        if self.ids and roll < 0.6:
            return "article", f"/article/{rng.choice(self.ids)}/"
        if roll < 0.8:
            return "home", "/"
        if roll < 0.9:
            return "search", f"/search?q={rng.choice(('council', 'budget', 'bridge', 'market', 'river'))}"
        return "api", "/api/v1/articles"

    def _get(self, path: str, agent: str) -> tuple[int, bool]:
        request = urllib.request.Request(self.base + path, headers={"User-Agent": agent})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                return response.status, False
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Retry-After") is not None
        except OSError:
            return 599, False  # no answer at all counts against the web processes too


def database_counts(db: cluster.ScratchPostgres) -> dict:
    (total, distinct, understood, feed_only), = db.query(
        "SELECT count(*), count(DISTINCT canonical_url), "
        "count(*) FILTER (WHERE analysis_version <> '' AND analysis_note = ''), "
        "count(*) FILTER (WHERE from_feed_only) FROM articles_article")
    states = dict(db.query("SELECT state, count(*) FROM sources_entry GROUP BY state"))
    (views,), = db.query("SELECT coalesce(sum(views), 0) FROM metrics_articleviewday")
    return {"stored": distinct, "rows": total, "duplicates": total - distinct, "understood": understood,
            "feed_only": feed_only, "entries": sum(states.values()),
            "stuck": states.get("pending", 0) + states.get("failed", 0), "states": states, "views": views}


def finished(counts: dict, plan: Plan) -> bool:
    return (counts["entries"] >= plan.articles and counts["stuck"] == 0
            and counts["understood"] >= counts["rows"] >= plan.articles)


def tuning(plan: Plan) -> dict:
    """The deployment's settings, with the intervals shortened so a run takes minutes, not hours.

    A task a worker held when it was killed, or when Redis went away, waits in Redis's unacked set
    for the visibility timeout (an hour in deploy/) before it is sent again, and then finds its work
    done or its feed's claim replaced. What does not wait for it: a lost feed poll is claimed and sent
    again when its claim lapses, a lost entry by the retry sweep, a lost batch of understanding when
    its lease ends; the harness shortens those three. Task limits stay well above a model load on a
    loaded machine (30/45 s killed understanding while the models loaded)."""
    return {"LOCALWIRE_FETCH_TIMEOUT": 5, "LOCALWIRE_POLL_INTERVAL": 60, "LOCALWIRE_FETCH_PER_HOST": 4,
            "LOCALWIRE_RETRY_SECONDS": plan.retry_seconds, "LOCALWIRE_VIEWS_FLUSH_SECONDS": VIEWS_FLUSH_SECONDS,
            "LOCALWIRE_FEED_CLAIM_SECONDS": 30, "LOCALWIRE_ANALYSIS_LEASE_SECONDS": 30,
            "LOCALWIRE_DB_STATEMENT_TIMEOUT_MS": 600_000, "LOCALWIRE_TASK_SOFT_TIME_LIMIT": 120,
            "LOCALWIRE_TASK_TIME_LIMIT": 150, "LOCALWIRE_TASK_VISIBILITY_TIMEOUT": 180}


class Faults(threading.Thread):
    """The publisher fails from the start (its feeds answer 500 at the first poll); the rest come
    one after another, ``fault_every`` seconds apart, once the first article is stored."""

    def __init__(self, plan: Plan, deployment: dict, outcome: Outcome):
        super().__init__(daemon=True)
        self.plan, self.d, self.outcome = plan, deployment, outcome

    def note(self, name: str, **detail) -> None:
        self.outcome.faults.append({"name": name, "at_s": round(time.monotonic() - self.outcome.started, 1), **detail})

    def run(self) -> None:
        every, newsroom, db, redis = self.plan.fault_every, self.d["newsroom"], self.d["db"], self.d["redis"]
        newsroom.fault("error", every)
        self.note("publisher_500s", seconds=every)
        cluster.wait_for(lambda: db.query("SELECT 1 FROM articles_article LIMIT 1"), self.plan.timeout,
                         "a first stored article", every=0.5)
        steps = [("worker_kill9", self.kill_a_worker), ("publisher_timeouts", lambda: newsroom.fault("hang", every)),
                 ("postgres_backends_terminated", self.cut_postgres)]
        if redis.restartable:
            steps.insert(1, ("redis_restart", lambda: self.restart_redis(redis)))
        for name, act in steps:
            time.sleep(every)
            self.note(name)
            act()

    def kill_a_worker(self) -> None:
        worker = self.d["workers"][0]
        worker.kill9()
        time.sleep(2)  # RestartSec=2 in deploy/systemd
        worker.start()

    def restart_redis(self, redis) -> None:
        self.outcome.views["redis_down_at"] = time.monotonic()
        redis.kill_and_restart(2.0)
        self.outcome.views["redis_up_at"] = time.monotonic()

    def cut_postgres(self, seconds: float = 5.0) -> None:
        end, cut = time.monotonic() + seconds, 0
        while time.monotonic() < end:
            cut += self.d["db"].terminate_backends()
            time.sleep(0.25)
        self.outcome.faults[-1]["connections_cut"] = cut


def views_check(outcome: Outcome, made_until: float) -> dict:
    """Views readers made against views stored; the ones allowed lost are those made while Redis was
    going down before a flush could take them, or while the web processes' counting was paused after."""
    views = outcome.views
    made = [s for s in outcome.samples if s.page == "article" and s.status == 200 and s.at <= made_until]
    down, up = views.get("redis_down_at"), views.get("redis_up_at")
    allowed = 0 if down is None else sum(
        1 for s in made if down - VIEWS_FLUSH_SECONDS <= s.at <= up + COUNTING_PAUSE_SECONDS)
    stored = outcome.counts["views"]
    return {"made": len(made), "stored": stored, "lost": len(made) - stored, "lost_allowed": allowed}


def start(plan: Plan, workdir, outcome: Outcome) -> dict:
    """Everything up, in the order docs/operations.md gives; returns the running parts."""
    db = cluster.ScratchPostgres().create()
    d = {"db": db, "services": []}
    d["redis"] = redis = cluster.HarnessRedis(workdir).start()
    env = cluster.deployment_env(workdir / "home", db.url, redis, tuning(plan))
    d["newsroom"] = newsroom = cluster.Newsroom(plan.articles, plan.feeds, env, workdir / "newsroom.log").start()
    d["services"].append(newsroom)
    cluster.localwire(env, "manage", "migrate", "--no-input")
    opml = workdir / "feeds.opml"
    opml.write_bytes(urllib.request.urlopen(newsroom.base + "/opml", timeout=10).read())
    cluster.localwire(env, "feeds", "import-opml", str(opml))
    port = cluster.free_port()
    d["web"] = cluster.web(env, port, plan.web_processes, workdir / "web.log").start()
    d["workers"] = [cluster.worker(env, n, workdir / f"worker{n}.log").start() for n in range(1, plan.workers + 1)]
    d["beat"] = cluster.beat(env, workdir / "home", workdir / "beat.log").start()
    d["services"] += [d["beat"], *d["workers"], d["web"]]
    d["base"] = base = f"http://127.0.0.1:{port}"
    cluster.wait_for(lambda: urllib.request.urlopen(base + "/healthz", timeout=2).status == 200, 60, "the web")
    d["env"] = env
    return d


def run(plan: Plan, progress=None) -> Outcome:
    workdir = cluster.scratch_dir()
    outcome = Outcome(plan)
    d: dict = {}
    try:
        d = start(plan, workdir, outcome)
        readers = Readers(d["base"], d["db"], plan.readers).start()
        outcome.started = time.monotonic()
        cluster.celery_call(d["env"], "localwire.schedule_due_feeds")  # beat's first tick, without its wait
        faults = Faults(plan, d, outcome)
        faults.start()
        wait_until_done(plan, d["db"], outcome, progress)
        outcome.finished = time.monotonic()
        faults.join(plan.fault_every * 6 + 30)
        readers.stop()
        reading_stopped = time.monotonic()
        time.sleep(VIEWS_FLUSH_SECONDS * 2.5)  # beat's flush takes the last counted views
        outcome.samples = readers.samples
        outcome.counts = database_counts(d["db"])
        outcome.views.update(views_check(outcome, reading_stopped))
        outcome.views["latency_during_ingest"] = latency(outcome.samples, outcome.started, outcome.finished)
        outcome.views["feed_only"] = outcome.counts["feed_only"]
        outcome.views["logs"] = str(workdir)
        return outcome
    finally:
        for service in reversed(d.get("services", [])):
            service.stop(grace=5)  # the checks are done: what is in hand may be cut
        if "redis" in d:
            d["redis"].stop()
        if "db" in d:
            d["db"].drop()


def wait_until_done(plan: Plan, db, outcome: Outcome, progress=None) -> dict:
    end, counts = outcome.started + plan.timeout, {}
    while time.monotonic() < end:
        try:
            counts = database_counts(db)
        except Exception:
            time.sleep(1)  # the database is away: a fault, not the end
            continue
        if progress:
            progress(counts, time.monotonic() - outcome.started)
        if finished(counts, plan):
            break
        time.sleep(2)
    return counts
