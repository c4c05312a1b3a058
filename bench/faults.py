#!/usr/bin/env python3
"""Drives exoreg under load through a database outage and prints what clients saw.

faults.py BASE_URL SECRET STOP_COMMAND START_COMMAND [outage seconds]

Readers ask /api/v1/status for random questions; a writer adds jurisdictions. After a few seconds
the database is stopped, kept down for the outage, then started again. Prints reads attempted and
failed, writes attempted, committed and refused cleanly (503 problem documents), how long the
service took to recover after the database came back, and whether every acknowledged write is in
the table afterwards.
"""
import json
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

base, secret, stop_command, start_command = sys.argv[1:5]
outage = float(sys.argv[5]) if len(sys.argv) > 5 else 8.0
lock = threading.Lock()
counts = {"reads": 0, "reads_failed": 0, "reads_stale": 0, "writes": 0, "writes_committed": 0,
          "writes_refused_cleanly": 0, "writes_failed": 0}
failures = []
committed_codes = []
running = True
phase = {"db_started_at": None, "write_recovered_at": None, "reads_fresh_at": None}


def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    if body is not None:
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", "Bearer " + secret)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


jurisdictions = [j["code"] for j in json.loads(call("GET", "/api/v1/jurisdictions")[2])]
sources = [s["id"] for s in json.loads(call("GET", "/api/v1/sources")[2])]
methods = [m["id"] for m in json.loads(call("GET", "/api/v1/delivery-methods")[2])]


def count(key, n=1):
    with lock:
        counts[key] += n


def reader():
    rng = random.Random()
    while running:
        path = "/api/v1/status?jurisdiction=%s&source=%s&deliveryMethod=%s" % (
            rng.choice(jurisdictions), rng.choice(sources), rng.choice(methods))
        count("reads")
        try:
            status, headers, _ = call("GET", path)
        except Exception as e:  # a refused connection, a timeout
            status, headers = str(e), {}
        if status != 200:
            count("reads_failed")
            failures.append("read %s: %s" % (path, status))
            continue
        stale = any(k.lower() == "exoreg-stale" for k in headers)
        if stale:
            count("reads_stale")
        elif phase["db_started_at"] and not phase["reads_fresh_at"]:
            phase["reads_fresh_at"] = time.monotonic()


def writer():
    n = 0
    while running:
        n += 1
        code = "XF-%d" % n
        count("writes")
        try:
            status, headers, body = call("POST", "/api/v1/jurisdictions",
                                         {"code": code, "name": "Fault test " + code, "aliases": []})
        except Exception as e:
            status, headers, body = str(e), {}, b""
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
        if status == 201:
            count("writes_committed")
            committed_codes.append(code)
            if phase["db_started_at"] and not phase["write_recovered_at"]:
                phase["write_recovered_at"] = time.monotonic()
        elif status == 503 and content_type.startswith("application/problem+json"):
            count("writes_refused_cleanly")
        else:
            count("writes_failed")
            failures.append("write %s: %s %s" % (code, status, body[:200]))
        time.sleep(0.05)


def outage_and_recovery():
    time.sleep(4)
    print("stopping the database: %s" % stop_command, flush=True)
    subprocess.run(stop_command, shell=True, check=True)
    stopped_at = time.monotonic()
    time.sleep(outage)
    health = call("GET", "/q/health/ready")
    database = call("GET", "/q/health/group/database")
    print("during the outage: readiness %s, database health %s" % (health[0], database[0]), flush=True)
    print("starting the database: %s" % start_command, flush=True)
    phase["db_started_at"] = time.monotonic()
    subprocess.run(start_command, shell=True, check=True)
    print("database down for %.1f s; its start command took %.1f s" % (
        phase["db_started_at"] - stopped_at, time.monotonic() - phase["db_started_at"]), flush=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (phase["write_recovered_at"] and phase["reads_fresh_at"]):
        time.sleep(0.05)
    time.sleep(3)


threads = [threading.Thread(target=reader, daemon=True) for _ in range(4)]
threads.append(threading.Thread(target=writer, daemon=True))
for t in threads:
    t.start()
try:
    outage_and_recovery()
finally:
    running = False
for t in threads:
    t.join()

listed = {j["code"] for j in json.loads(call("GET", "/api/v1/jurisdictions")[2])}
lost = [c for c in committed_codes if c not in listed]
print()
print("reads attempted          %8d" % counts["reads"])
print("reads failed             %8d" % counts["reads_failed"])
print("reads marked stale       %8d" % counts["reads_stale"])
print("writes attempted         %8d" % counts["writes"])
print("writes committed         %8d" % counts["writes_committed"])
print("writes refused cleanly   %8d   (503 problem documents)" % counts["writes_refused_cleanly"])
print("writes failed otherwise  %8d" % counts["writes_failed"])
for name, key in (("first write committed", "write_recovered_at"), ("reads no longer stale", "reads_fresh_at")):
    at = phase[key]
    print("%-24s %s" % (name, "never" if at is None else "%.2f s after the database's start was issued" % (at - phase["db_started_at"])))
print("acknowledged writes lost %8d" % len(lost))
for failure in failures[:10]:
    print("  " + failure)
sys.exit(0 if not lost and counts["reads_failed"] == 0 and counts["writes_failed"] == 0 else 1)
