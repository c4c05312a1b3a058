#!/usr/bin/env python3
"""Measures watches and webhooks and prints figures; it asserts nothing.

    bench/webhooks.py [rounds]

Starts the packaged application on an embedded PostgreSQL of its own (free ports), with a webhook
receiver on this machine, and prints, as medians over the rounds:
  - a one-rule PUT with no watch, and with 100 watches of 10 product x market results each, all of
    which the PUT changes (1,000 results): round trips and their ratio;
  - whether every watch's event is in its feed when the PUT answers (written within the commit);
  - from the PUT's answer to the first delivery received, and to the last of the 100;
  - POST /impact of a 1,000-product x 10-market catalogue between two revisions (server time, from
    Server-Timing), next to POST /checks of the same catalogue.
BENCH_JAR names another build to measure; BENCH_JAVA_OPTS the JVM's options.
"""
import hashlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
JAR = os.environ.get("BENCH_JAR", "target/quarkus-app/quarkus-run.jar")
SECRET = "exo_webhooks-benchmark"
WATCHES, PRODUCTS = 100, 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


arrivals = []  # (time received, webhook-id)
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        with lock:
            arrivals.append((time.monotonic(), self.headers["webhook-id"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def call(method, path, body=None, headers=None, raw=False):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + SECRET)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request) as response:
            payload = response.read()
            return response.status, response.headers, payload if raw else (json.loads(payload) if payload else None)
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def rule(rule_id, market, status):
    return {"id": rule_id, "ingredient": "exosome", "jurisdiction": market, "source": "salmon",
            "deliveryMethod": "topical", "status": status, "conditions": [],
            "legalBasis": {"instrument": "Bench Act", "provision": "s. 1", "url": None},
            "references": [], "effectiveFrom": None, "effectiveTo": None, "confidence": "high",
            "verifiedOn": "2026-12-01", "notes": None}


def put(rule_id, market, status):
    _, headers, _ = call("GET", f"/api/v1/rules/{rule_id}")
    started = time.monotonic()
    code, answer, body = call("PUT", f"/api/v1/rules/{rule_id}", rule(rule_id, market, status),
                              {"If-Match": headers["ETag"]})
    assert code == 200, (code, body)
    return started, time.monotonic(), int(answer["Exoreg-Revision"])


def market(code):
    assert call("POST", "/api/v1/jurisdictions", {"code": code, "name": code, "aliases": []})[0] == 201
    rule_id = f"{code}-salmon-topical"
    assert call("POST", "/api/v1/rules", rule(rule_id, code, "PERMITTED"))[0] == 201
    return rule_id


def server_ms(headers):
    timing = headers.get("Server-Timing", "")
    return float(timing.split("dur=")[1].split(";")[0]) if "dur=" in timing else float("nan")


work = tempfile.mkdtemp()
receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=receiver.serve_forever, daemon=True).start()
port = free_port()
BASE = f"http://127.0.0.1:{port}"
env = dict(os.environ, QUARKUS_HTTP_PORT=str(port), EXOREG_EMBEDDED_PORT=str(free_port()),
           EXOREG_EMBEDDED_DATA_DIR=os.path.join(work, "postgres"),
           EXOREG_API_KEYS_BENCH_SHA256=hashlib.sha256(SECRET.encode()).hexdigest(),
           EXOREG_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES="true", EXOREG_HTTP_MAX_BODY_SIZE="64M")
for name in ["QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"]:
    env.pop(name, None)
log = open(os.path.join(work, "app.log"), "w")
OPTIONS = os.path.join(os.path.dirname(JAR), "jvm.options")
shipped = ["@" + OPTIONS] if os.path.exists(OPTIONS) else []
app = subprocess.Popen(["java", *shipped, *os.environ.get("BENCH_JAVA_OPTS", "").split(), "-jar", JAR],
                       env=env, stdout=log, stderr=subprocess.STDOUT)
try:
    for _ in range(1200):
        try:
            if urllib.request.urlopen(BASE + "/q/health/ready").status == 200:
                break
        except Exception:
            time.sleep(0.1)
    else:
        sys.exit("the application did not become ready; see " + log.name)

    # a one-rule PUT that no watch sees: the baseline
    plain = market("XBPLAIN")
    statuses = ["PROHIBITED", "PERMITTED"]
    for i in range(3):  # warm-up
        put(plain, "XBPLAIN", statuses[i % 2])
    baseline = []
    for i in range(ROUNDS):
        started, answered, _ = put(plain, "XBPLAIN", statuses[i % 2])
        baseline.append((answered - started) * 1000)

    watched = market("XBWATCH")
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    catalogue = {"products": [{"sku": f"SKU-{p}", "ingredients": [{"ingredient": "exosome", "source": "salmon"}],
                               "deliveryMethods": ["topical"], "markets": ["XBWATCH"]} for p in range(PRODUCTS)]}
    ids = []
    for w in range(WATCHES):
        code, _, made = call("POST", "/api/v1/watches", {"name": f"bench {w}", "catalogue": catalogue,
                                                          "webhook": {"url": url}})
        assert code == 201, made
        ids.append(made["id"])

    with_watches, first, last, at_commit = [], [], [], []
    for i in range(ROUNDS):
        with lock:
            arrivals.clear()
        started, answered, revision = put(watched, "XBWATCH", statuses[i % 2])
        with_watches.append((answered - started) * 1000)
        # every watch's event is committed with the revision: listed as soon as the PUT answers
        sample = ids[:: max(1, WATCHES // 10)]
        listed = sum(1 for w in sample
                     if any(e["revision"] == revision
                            for e in call("GET", f"/api/v1/watches/{w}/events?since=0&limit=1000")[2]["events"]))
        at_commit.append(listed / len(sample))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with lock:
                if len({a[1] for a in arrivals}) >= WATCHES:
                    break
            time.sleep(0.01)
        with lock:
            times = sorted(a[0] for a in arrivals)
        first.append((times[0] - answered) * 1000 if times else float("nan"))
        last.append((times[-1] - answered) * 1000 if len(times) >= WATCHES else float("nan"))

    # impact of 1,000 products x 10 markets between two revisions, next to the check of it
    markets = [f"XI{m:02d}" for m in range(10)]
    rules = [market(m) for m in markets]
    big = {"products": [{"sku": f"BIG-{p}", "ingredients": [{"ingredient": "exosome", "source": "salmon"}],
                         "deliveryMethods": ["topical"], "markets": markets} for p in range(1000)]}
    _, _, before = put(rules[0], markets[0], "PERMITTED")
    for r, m in zip(rules, markets):
        put(r, m, "PROHIBITED")
    impact_ms, check_ms, changed = [], [], None
    for _ in range(3 + ROUNDS):
        code, headers, body = call("POST", f"/api/v1/impact?fromRevision={before}", big)
        assert code == 200, body[:300] if isinstance(body, bytes) else body
        impact_ms.append(server_ms(headers))
        changed = body["changed"]
        code, headers, _ = call("POST", "/api/v1/checks", big, raw=True)
        check_ms.append(server_ms(headers))
    impact_ms, check_ms = impact_ms[3:], check_ms[3:]

    med = statistics.median
    print(f"one-rule PUT, no watch:                       {med(baseline):8.1f} ms")
    print(f"one-rule PUT changing 1,000 results of {WATCHES} watches: {med(with_watches):8.1f} ms"
          f"  ({med(with_watches) / med(baseline):.2f}x)")
    print(f"watches whose event is listed when the PUT answers: {med(at_commit) * 100:.0f}%")
    print(f"first delivery after the PUT answered:        {med(first):8.1f} ms (rounds: {', '.join(f'{x:.0f}' for x in first)})")
    print(f"all {WATCHES} delivered after the PUT answered:      {med(last):8.1f} ms")
    print(f"impact, 1,000 products x 10 markets, {changed} changes between revisions: {med(impact_ms):8.1f} ms server time")
    print(f"check of the same catalogue:                  {med(check_ms):8.1f} ms server time"
          f"  (impact {med(impact_ms) / med(check_ms):.2f}x)")
finally:
    app.terminate()
    app.wait(30)
    receiver.shutdown()
