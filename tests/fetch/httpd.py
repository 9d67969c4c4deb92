#!/usr/bin/env python3
"""tests/fetch/httpd.py - a small HTTP server for the `http` fetch tests.

Binds 127.0.0.1 on a free port, prints the port on stdout, and serves the
routes below until its standard input closes (so it never outlives the test).
GET /stats returns how often each path was served, and with which status."""
import http.server
import json
import sys
import threading
import time
import urllib.parse

LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    counts = {}
    lock = threading.Lock()
    inflight = 0            # /hold requests being served now
    max_inflight = 0
    hold_starts = []        # monotonic start times of /hold requests

    def log_message(self, fmt, *args):      # quiet: the test reads stdout
        pass

    def count(self, status):
        key = "%s %d" % (self.path, status)
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1

    def send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.count(status)
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def times_served(self, path):
        with self.lock:
            return sum(v for k, v in self.counts.items() if k.split(" ")[0] == path)

    def do_GET(self):
        p = urllib.parse.urlsplit(self.path).path
        self.path = p
        if p == "/stats":
            with self.lock:
                starts = Handler.hold_starts
                gaps = [b - a for a, b in zip(starts, starts[1:])]
                stats = dict(self.counts, max_inflight=Handler.max_inflight,
                             min_gap_ms=int(min(gaps) * 1000) if gaps else -1)
                body = json.dumps(stats).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif p == "/ok":
            self.send(200, b"<html><body><p>caf\xe9 ok</p></body></html>",
                      "text/html; charset=ISO-8859-1")
        elif p == "/ua":            # shows the User-Agent it got
            self.send(200, ("<html>%s</html>" % self.headers.get("User-Agent")).encode())
        elif p == "/plain":
            self.send(200, "na\u00efve text\n".encode(), "text/plain; charset=utf-8")
        elif p == "/missing":
            self.send(404, b"<html>not here</html>")
        elif p == "/flaky":          # a 500 first, then the page
            if self.times_served(p) == 0:
                self.send(500, b"<html>try later</html>")
            else:
                self.send(200, b"<html><p>second time lucky</p></html>")
        elif p == "/busy":           # a 503 asking for 1 s, then the page
            with self.lock:
                Handler.hold_starts.append(time.monotonic())
            if self.times_served(p) == 0:
                self.send(503, b"<html>busy</html>", headers=[("Retry-After", "1")])
            else:
                self.send(200, b"<html><p>no longer busy</p></html>")
        elif p == "/down":           # always 500
            self.send(500, b"<html>down</html>")
        elif p == "/redirect":
            self.send(302, b"", None, [("Location", "/ok")])
        elif p == "/redirect-other":   # to 127.0.0.2, where nothing listens
            port = self.server.server_address[1]
            self.send(302, b"", None, [("Location", "http://127.0.0.2:%d/ok" % port)])
        elif p == "/big-header":       # 200 KB of response header
            self.send(200, b"<html>big header</html>", headers=[("X-Big", "a" * 200000)])
        elif p == "/redirect-ftp":
            self.send(302, b"", None, [("Location", "ftp://127.0.0.1/file")])
        elif p == "/hold":           # a while in flight: shows overlapping requests
            with self.lock:
                Handler.inflight += 1
                Handler.max_inflight = max(Handler.max_inflight, Handler.inflight)
                Handler.hold_starts.append(time.monotonic())
            time.sleep(0.1)
            with self.lock:
                Handler.inflight -= 1
            self.send(200, b"<html>held</html>")
        elif p == "/slow":
            time.sleep(5)
            self.send(200, b"<html>too late</html>")
        elif p == "/big":            # announces its size
            self.send(200, b"<html>" + b"x" * 100000 + b"</html>")
        elif p == "/big-stream":     # no Content-Length: ends when closed
            self.count(200)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"y" * 1000)
            self.close_connection = True
        elif p == "/cached":
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                self.count(304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send(200, b"<html><p>cache me</p></html>", "text/html",
                          [("ETag", etag), ("Last-Modified", LAST_MODIFIED)])
        elif p == "/cached-lm":      # Last-Modified only, no ETag
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.count(304)
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send(200, b"<html><p>dated</p></html>", "text/html",
                          [("Last-Modified", LAST_MODIFIED)])
        elif p == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        else:
            self.send(404, b"<html>unknown</html>")


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a client that hangs up (on /big-header, as it should) is no error
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def main():
    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    sys.stdout.write("%d\n" % server.server_address[1])
    sys.stdout.flush()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()                 # until the test closes our stdin
    server.shutdown()


if __name__ == "__main__":
    main()
