#!/usr/bin/env python3
"""Status saves under load, as focal points make them: each worker signs in as the secretariat,
takes its own country-actions, reads each one's update form for the record's version, and saves
the form again and again with the status going back and forth, for DURATION seconds. Prints how
many saves went through and their latency percentiles. Python's standard library only.

Usage: saves.py ORIGIN DURATION WORKERS PAIRS...   (a pair is ISO2:ACTION-CODE)
"""

import http.client
import re
import sys
import threading
import time
import urllib.parse

VERSION = re.compile(r'name="update\[version\]"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="update\[version\]"')
ACTION_ID = re.compile(r'name="update\[action_id\]"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="update\[action_id\]"')


def connect(origin):
    parts = urllib.parse.urlsplit(origin)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def sign_in(origin):
    connection = connect(origin)
    body = "email=secretariat%40demo.enlace&password=enlace-demo-2026"
    connection.request("POST", "/api/sign-in", body, {
        "Origin": origin,
        "Content-Type": "application/x-www-form-urlencoded",
    })
    reply = connection.getresponse()
    reply.read()
    for name, value in reply.getheaders():
        if name.lower() == "set-cookie" and value.startswith("enlace_session="):
            return value.split(";")[0]
    raise SystemExit(f"could not sign in as the demo secretariat ({reply.status})")


def first(pattern, text):
    found = pattern.search(text)
    if not found:
        return None
    return int(found.group(1) or found.group(2))


class Worker(threading.Thread):
    """Saves its own country-actions once every worker has read their forms (`ready`) until the
    time `clock` holds."""

    def __init__(self, origin, cookie, pairs, ready, clock):
        super().__init__(daemon=True)
        self.origin, self.cookie, self.pairs = origin, cookie, pairs
        self.ready, self.clock = ready, clock
        self.latencies, self.failures = [], 0

    def form(self, connection, iso2, code):
        connection.request("GET", f"/countries/{iso2}/actions/{code}?lang=en", headers={"Cookie": self.cookie})
        reply = connection.getresponse()
        page = reply.read().decode()
        return first(ACTION_ID, page), first(VERSION, page)

    def run(self):
        connection = connect(self.origin)
        known = {}
        for iso2, code in self.pairs:
            known[(iso2, code)] = self.form(connection, iso2, code)
        self.ready.wait()
        turn = 0
        while time.monotonic() < self.clock[0]:
            iso2, code = self.pairs[turn % len(self.pairs)]
            action_id, version = known[(iso2, code)]
            status = "in_progress" if turn // len(self.pairs) % 2 == 0 else "suspended"
            body = urllib.parse.urlencode({
                "_form": "/api/actions/update",
                "update[action_id]": action_id,
                "update[country]": iso2,
                "update[version]": version,
                "update[status]": status,
                "update[comment]": "Load test",
            })
            started = time.monotonic()
            connection.request("POST", f"/countries/{iso2}/actions/{code}", body, {
                "Cookie": self.cookie,
                "Origin": self.origin,
                "Content-Type": "application/x-www-form-urlencoded",
            })
            reply = connection.getresponse()
            reply.read()
            elapsed = time.monotonic() - started
            if reply.status in (302, 303):
                self.latencies.append(elapsed)
                known[(iso2, code)] = (action_id, version + 1)
            else:
                self.failures += 1
                known[(iso2, code)] = self.form(connection, iso2, code)
            turn += 1


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    origin, duration, workers = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    pairs = [tuple(pair.split(":", 1)) for pair in sys.argv[4:]]
    if not pairs:
        raise SystemExit("no country-action to save")
    workers = min(workers, len(pairs))
    cookie = sign_in(origin)
    ready, clock = threading.Barrier(workers + 1), [0.0]
    crew = [Worker(origin, cookie, pairs[n::workers], ready, clock) for n in range(workers)]
    for worker in crew:
        worker.start()
    clock[0] = time.monotonic() + 3600
    ready.wait()
    clock[0] = time.monotonic() + duration
    for worker in crew:
        worker.join()
    latencies = [l for worker in crew for l in worker.latencies]
    failures = sum(worker.failures for worker in crew)
    print(f"{len(latencies)} saves in {duration:.0f} s ({len(latencies) / duration:.1f}/s), {failures} refused; "
          f"latency p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
          f"max {max(latencies, default=0) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
