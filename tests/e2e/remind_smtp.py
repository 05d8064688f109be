#!/usr/bin/python3
"""A real SMTP server for the reminder tests (aiosmtpd, Debian's python3-aiosmtpd).

usage: remind_smtp.py DIR
Listens on 127.0.0.1 on a free port, written to DIR/port once it accepts connections. Each message
received is written whole to DIR/mail/N.eml (atomically: a .part file renamed). While DIR/refuse
exists, every recipient is refused with "550 5.1.1 mailbox unavailable". A login is required
when $SMTP_USER and $SMTP_PASSWORD are set (AUTH PLAIN/LOGIN without TLS, on 127.0.0.1 only);
each successful login is counted in DIR/logins. Runs until killed.
"""
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

folder = sys.argv[1]
mail = os.path.join(folder, "mail")
os.makedirs(mail, exist_ok=True)
lock = threading.Lock()
count = [0]


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if os.path.exists(os.path.join(folder, "refuse")):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with lock:
            count[0] += 1
            n = count[0]
        path = os.path.join(mail, "%d-%d.eml" % (os.getpid(), n))
        with open(path + ".part", "wb") as f:
            f.write(("X-Rcpt: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 queued as %d" % n


def authenticator(server, session, envelope, mechanism, auth_data):
    user = os.environ.get("SMTP_USER", "").encode()
    password = os.environ.get("SMTP_PASSWORD", "").encode()
    ok = auth_data.login == user and auth_data.password == password
    if ok:
        with open(os.path.join(folder, "logins"), "a") as f:
            f.write("%s\n" % auth_data.login.decode())
    return AuthResult(success=ok)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


need_login = bool(os.environ.get("SMTP_USER"))
port = free_port()
controller = Controller(Handler(), hostname="127.0.0.1", port=port,
                        authenticator=authenticator if need_login else None,
                        auth_required=need_login, auth_require_tls=False)
controller.start()
with open(os.path.join(folder, "port.part"), "w") as f:
    f.write("%d\n" % port)
os.rename(os.path.join(folder, "port.part"), os.path.join(folder, "port"))
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *a: stop.set())
signal.signal(signal.SIGINT, lambda *a: stop.set())
stop.wait()
controller.stop()
