#!/usr/bin/python3
"""A small HTTP server playing an SMS gateway for the reminder tests.

usage: remind_sms.py DIR
Listens on 127.0.0.1 on a free port, written to DIR/port once it accepts connections. Each POST is
recorded as DIR/sms/N.json (headers and body; atomically). What it answers is read from DIR/mode
at each request: "ok" (or no file) 200, "500" 500 with a short text, "hang" never answers (sleeps
a minute, so the client's timeout must end it), "slow" waits 0.3 s and then answers 200 (for the
kill tests: the message is recorded before the wait, as a real gateway takes it before it
answers). Runs until killed.
"""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

folder = sys.argv[1]
sms = os.path.join(folder, "sms")
os.makedirs(sms, exist_ok=True)
lock = threading.Lock()
count = [0]


def mode():
    try:
        with open(os.path.join(folder, "mode")) as f:
            return f.read().strip()
    except FileNotFoundError:
        return "ok"


class Gateway(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        m = mode()
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        if m == "hang":
            time.sleep(60)
            return
        if m == "500":
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"gateway down for maintenance\n")
            return
        with lock:
            count[0] += 1
            n = count[0]
        path = os.path.join(sms, "%d-%d.json" % (os.getpid(), n))
        record = {"path": self.path, "headers": dict(self.headers.items()), "body": body}
        with open(path + ".part", "w") as f:
            json.dump(record, f)
        os.rename(path + ".part", path)
        if m == "slow":
            time.sleep(0.3)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"status": "accepted"}\n')


server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
server.daemon_threads = True
with open(os.path.join(folder, "port.part"), "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(os.path.join(folder, "port.part"), os.path.join(folder, "port"))
signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
server.serve_forever()
