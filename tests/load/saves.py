#!/usr/bin/env python3
"""Status saves under load, as focal points make them: each worker signs in as the secretariat,
takes its own country-actions, reads each one's update form for the record's version and status,
and saves the form again and again with the status going back and forth, for DURATION seconds.
Prints how many saves went through and their latency percentiles. Python's standard library only.

Without --rate each worker saves again as soon as answered (as fast as WORKERS writers can: the
server's ceiling). With --rate the saves are due at that many a second in all, spread evenly over
the workers whatever the answers take, as a crowd of focal points would make them; a save's latency
is then counted from when it was due, so that a late answer also delays the saves behind it.

Usage: saves.py [--rate SAVES_A_SECOND] ORIGIN DURATION WORKERS PAIRS...   (a pair is ISO2:ACTION-CODE)
"""

import argparse
import http.client
import re
import sys
import threading
import time
import urllib.parse

VERSION = re.compile(r'name="update\[version\]"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="update\[version\]"')
ACTION_ID = re.compile(r'name="update\[action_id\]"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="update\[action_id\]"')
SELECTED_STATUS = re.compile(r'<option value="(\w+)" selected')


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


class Record:
    """What a worker knows of one country-action: its id, the version its next save must name and
    the status it will save (the other one of the two it goes between)."""

    def __init__(self, page):
        self.action_id, self.version = first(ACTION_ID, page), first(VERSION, page)
        current = SELECTED_STATUS.search(page)
        self.next_status = "suspended" if current and current.group(1) == "in_progress" else "in_progress"

    def saved(self):
        self.version += 1
        self.next_status = "suspended" if self.next_status == "in_progress" else "in_progress"


class Worker(threading.Thread):
    """Saves its own country-actions once every worker has read their forms (`ready`) until the
    time `clock` holds: as soon as answered, or every `interval` seconds from `offset` on."""

    def __init__(self, origin, cookie, pairs, ready, clock, interval=None, offset=0.0):
        super().__init__(daemon=True)
        self.origin, self.cookie, self.pairs = origin, cookie, pairs
        self.ready, self.clock = ready, clock
        self.interval, self.offset = interval, offset
        self.latencies, self.failures = [], 0

    def form(self, connection, iso2, code):
        connection.request("GET", f"/countries/{iso2}/actions/{code}?lang=en", headers={"Cookie": self.cookie})
        reply = connection.getresponse()
        return Record(reply.read().decode())

    def run(self):
        connection = connect(self.origin)
        known = {pair: self.form(connection, *pair) for pair in self.pairs}
        self.ready.wait()
        began = time.monotonic()
        turn = 0
        while True:
            if self.interval is None:
                due = time.monotonic()
                if due >= self.clock[0]:
                    break
            else:
                # Every save due before the end is made, however late: the late ones are the
                # waits a slow server causes, and leaving them out would hide them.
                due = began + self.offset + turn * self.interval
                if due >= self.clock[0]:
                    break
                time.sleep(max(0.0, due - time.monotonic()))
            iso2, code = self.pairs[turn % len(self.pairs)]
            record = known[(iso2, code)]
            body = urllib.parse.urlencode({
                "_form": "/api/actions/update",
                "update[action_id]": record.action_id,
                "update[country]": iso2,
                "update[version]": record.version,
                "update[status]": record.next_status,
                "update[comment]": "Load test",
            })
            connection.request("POST", f"/countries/{iso2}/actions/{code}", body, {
                "Cookie": self.cookie,
                "Origin": self.origin,
                "Content-Type": "application/x-www-form-urlencoded",
            })
            reply = connection.getresponse()
            reply.read()
            elapsed = time.monotonic() - due
            if reply.status in (302, 303):
                self.latencies.append(elapsed)
                record.saved()
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
    arguments = argparse.ArgumentParser(description="Status saves under load.")
    arguments.add_argument("--rate", type=float, help="saves due a second in all (default: as fast as answered)")
    arguments.add_argument("origin")
    arguments.add_argument("duration", type=float)
    arguments.add_argument("workers", type=int)
    arguments.add_argument("pairs", nargs="*", help="ISO2:ACTION-CODE")
    given = arguments.parse_args()
    origin, duration = given.origin, given.duration
    pairs = [tuple(pair.split(":", 1)) for pair in given.pairs]
    if not pairs:
        raise SystemExit("no country-action to save")
    if given.rate is not None and given.rate <= 0:
        raise SystemExit("--rate must be a positive number of saves a second")
    workers = min(given.workers, len(pairs))
    # At a fixed rate each worker saves every `interval` seconds, the workers' turns staggered.
    interval = workers / given.rate if given.rate else None
    cookie = sign_in(origin)
    ready, clock = threading.Barrier(workers + 1), [0.0]
    crew = [
        Worker(origin, cookie, pairs[n::workers], ready, clock, interval, n * interval / workers if interval else 0.0)
        for n in range(workers)
    ]
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
