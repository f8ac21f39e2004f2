"""Drive the advertising flow end to end through the API of a running Localwire (e.g. `localwire demo`).

    LOCALWIRE_FETCH_ALLOW_PRIVATE=127.0.0.1 LOCALWIRE_VIEWS_FLUSH_SECONDS=5 LOCALWIRE_HOME=<home> localwire demo
    LOCALWIRE_HOME=<the same home> .venv/bin/python scripts/ads_flow.py [--base http://127.0.0.1:8000]

The site must allow 127.0.0.1 for its guarded fetcher: this script serves the advertiser's own
site (a landing page and a photo) on 127.0.0.1, and the site checks the landing page and shows the
photo through its image proxy. A short flush interval makes the report show the counts sooner
(the script waits up to two flush intervals of the default 60 s otherwise).

Adds an advertiser and an operator (`localwire users add`, `users token`), then: the advertiser
opens an account; the operator credits it (`localwire ads credit`); the advertiser creates a
campaign aimed at the city of a stored article; the operator sees it in the moderation queue and
approves it; the ad is served for that article (`/api/v1/ads`, as a browser would ask) and not for
an article elsewhere; its signed click link answers 302 to the landing page and a tampered one is
refused; the report counts the impression, the click and the spend; pause and resume; an edit of
the creative sends it back to review; the operator's revenue shows the spend. Every step prints one
line; the first that fails stops the run with exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

from publisher_flow import DONE, Failed, Site, account, call, localwire

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch_once(url: str) -> tuple[int, str]:
    """Status and Location of one GET, redirects not followed, as a reader's browser sends it."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "")


def ads_for(base: str, token: str, article_id: int) -> list[dict]:
    """What an app is given for an article page; asked with a browser's User-Agent, as bots get none."""
    url = f"{base}/api/v1/ads?placement=article&article_id={article_id}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "User-Agent": BROWSER})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode())["ads"]


def two_articles(base: str, token: str) -> tuple[dict, dict, dict]:
    """An article with a city, that city, and an article about none of that city's country."""
    summaries = call(base, "GET", "/articles?limit=100", token)["items"]
    details = [call(base, "GET", f"/articles/{s['id']}", token) for s in summaries[:60]]
    placed = [(d, p) for d in details for p in d.get("places", []) if p["kind"] == "city"]
    if not placed:
        raise Failed("no stored article has a city: is the demo's ingest and understanding done?")
    article, city = placed[0]
    elsewhere = [d for d in details if d["places"] and all(p["country_code"] != city["country_code"]
                                                            for p in d["places"])]
    if not elsewhere:
        raise Failed(f"no stored article is about a place outside {city['country_code']}")
    return article, city, elsewhere[0]


def open_and_credit(base: str, advertiser: str, site: Site) -> dict:
    opened = call(base, "POST", "/me/advertiser", advertiser, {"name": "Mill Creek Bakery", "website": site.url},
                  expect=201)
    print(f"account: advertiser {opened['id']} {opened['name']!r}, {opened['status']}, balance {opened['balance']}")
    print(localwire("ads", "credit", str(opened["id"]), "50.00", "--note", "ads flow").strip())
    account_now = call(base, "GET", "/me/advertiser", advertiser)
    if account_now["balance"] not in ("50.00", "50"):
        raise Failed(f"the balance after a credit of 50.00 is {account_now['balance']}")
    return account_now


def create_and_approve(base: str, advertiser: str, operator: str, site: Site, city: dict) -> dict:
    start = datetime.now(UTC) - timedelta(hours=1)
    campaign = call(base, "POST", "/me/campaigns", advertiser, {
        "name": "Bread week",
        "creative": {"headline": "Fresh bread every morning", "body": "Sourdough and rye, baked on Main Street.",
                     "brand": "Mill Creek Bakery", "cta": "See the menu", "landing_url": site.url + "about",
                     "image_url": site.url + "img/0.jpg"},
        "targeting": {"places": [], "channels": [f"city/{city['slug']}"]},
        "schedule": {"start": start.isoformat(), "end": (start + timedelta(days=14)).isoformat()},
        "budget": {"total": "20.00", "daily": "5.00"}, "bid_cpm": "4.00"}, expect=201)
    if campaign["status"] != "in_review":
        raise Failed(f"a new campaign is {campaign['status']!r}, not in_review")
    print(f"campaign: {campaign['id']} in review, aimed at city/{city['slug']}; landing check "
          f"{campaign['landing_check']}")
    queue = call(base, "GET", "/moderation/campaigns?status=in_review", operator)["campaigns"]
    if campaign["id"] not in [c["id"] for c in queue]:
        raise Failed("the new campaign is not in the moderators' queue")
    decided = call(base, "POST", f"/moderation/campaigns/{campaign['id']}/decision", operator,
                   {"decision": "approve", "reason": "A local bakery; the page is its own."}, expect=DONE)
    print(f"approved: status {decided['status']}, delivery {decided['delivery']}")
    call(base, "POST", f"/moderation/campaigns/{campaign['id']}/decision", operator,
         {"decision": "reject", "reason": "twice"}, expect=409)
    print("a second decision: 409")
    return decided


def delivery(base: str, reader: str, campaign: dict, article: dict, elsewhere: dict, site: Site) -> None:
    served = [ad for ad in ads_for(base, reader, article["id"]) if ad["id"] == campaign["id"]]
    if not served:
        raise Failed(f"the campaign is not served on article {article['id']}, which it targets")
    ad = served[0]
    print(f"served on article {article['id']}: {ad['label']} · {ad['brand']}: {ad['headline']!r} — {ad['reason']}")
    if any(other["id"] == campaign["id"] for other in ads_for(base, reader, elsewhere["id"])):
        raise Failed(f"the campaign is served on article {elsewhere['id']}, about another country")
    print(f"not served on article {elsewhere['id']} (about {elsewhere['places'][0]['name']})")
    status, location = fetch_once(ad["click_url"])
    if status != 302 or location != site.url + "about":
        raise Failed(f"the click link answered {status} to {location!r}")
    print(f"click: 302 to {location}")
    tampered = ad["click_url"][:-3] + ("AAA" if not ad["click_url"].endswith("AAA") else "BBB")
    status, _ = fetch_once(tampered)
    if status != 400:
        raise Failed(f"a tampered click link answered {status}, not 400")
    print("tampered click link: 400")


def report(base: str, advertiser: str, campaign: dict, wait: float) -> None:
    """Waits for the site's flusher to move the counts from its cache."""
    deadline, totals = time.monotonic() + wait, {}
    while time.monotonic() < deadline:
        totals = call(base, "GET", f"/me/campaigns/{campaign['id']}/report", advertiser)["totals"]
        if totals["impressions"] >= 1 and totals["clicks"] >= 1:
            break
        time.sleep(2)
    else:
        raise Failed(f"the report does not show the impression and the click after {wait:.0f} s: {totals}")
    print(f"report: {totals['impressions']} impressions, {totals['clicks']} clicks, ctr {totals['ctr']}, "
          f"spend {totals['spend']}")


def manage(base: str, advertiser: str, operator: str, campaign: dict) -> None:
    path = f"/me/campaigns/{campaign['id']}"
    paused = call(base, "POST", path + "/pause", advertiser, expect=DONE)
    resumed = call(base, "POST", path + "/resume", advertiser, expect=DONE)
    print(f"pause, resume: {paused['status']}, then {resumed['status']}")
    edited = call(base, "PATCH", path, advertiser, {"creative": {"headline": "Warm bread from six"}})
    if edited["status"] != "in_review":
        raise Failed(f"an edited creative left the campaign {edited['status']!r}, not in_review")
    print("creative edited: back in review")
    since = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    revenue = call(base, "GET", f"/operator/ads/revenue?since={since}", operator)
    print(f"operator revenue: {revenue['totals']}")


def flow(base: str, wait: float) -> None:
    tag = f"{int(time.time())}"
    site = Site()
    try:
        advertiser, operator = account(f"baker{tag}", "reader"), account(f"operator{tag}", "operator")
        reader = account(f"reader{tag}", "reader")
        print(f"accounts: an advertiser, an operator and a reader; the advertiser's site on {site.url}")
        article, city, elsewhere = two_articles(base, reader)
        open_and_credit(base, advertiser, site)
        campaign = create_and_approve(base, advertiser, operator, site, city)
        delivery(base, reader, campaign, article, elsewhere, site)
        report(base, advertiser, campaign, wait)
        manage(base, advertiser, operator, campaign)
    finally:
        site.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the running site")
    parser.add_argument("--wait", type=float, default=150.0, help="seconds to wait for the counts to be flushed")
    args = parser.parse_args()
    try:
        flow(args.base.rstrip("/"), args.wait)
    except Failed as exc:
        print(f"ads flow failed: {exc}", file=sys.stderr)
        return 1
    print("ads flow: every step passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
