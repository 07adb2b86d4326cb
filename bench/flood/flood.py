"""Sends N requests, each with a fresh random X-API-Key, from one address over keep-alive connections.

  python3 bench/flood/flood.py URL [requests] [concurrency]

Prints one line: the count of each status and the wall time. Standard library only.
"""
import collections
import http.client
import secrets
import sys
import threading
import time
import urllib.parse

url = urllib.parse.urlsplit(sys.argv[1])
total = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
workers = int(sys.argv[3]) if len(sys.argv) > 3 else 16
path = url.path or "/api/v1/analyses"

statuses = collections.Counter()
lock = threading.Lock()
left = [total]


def take():
    with lock:
        if left[0] == 0:
            return False
        left[0] -= 1
        return True


def worker():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    while take():
        key = "ak_live_" + secrets.token_hex(24)
        try:
            connection.request("GET", path, headers={"X-API-Key": key})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            connection.close()
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        with lock:
            statuses[status] += 1
    connection.close()


started = time.monotonic()
threads = [threading.Thread(target=worker) for _ in range(workers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.monotonic() - started
print(f"{total} requests, {workers} connections, {elapsed:.1f} s: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=str)))
