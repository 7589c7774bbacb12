#!/usr/bin/env python3
"""syslog_listen.py SOCKET OUT: a stand-in for /dev/log.  Binds a unix
datagram socket at SOCKET and appends each datagram received to OUT, one per
line (a datagram's own newlines would show as extra lines, which the test
counts), until it is killed or 30 s pass."""
import os
import signal
import socket
import sys

path, out = sys.argv[1], sys.argv[2]
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
s.settimeout(30)
with open(out, "ab", buffering=0) as f:
    try:
        while True:
            data = s.recv(65536)
            f.write(data.rstrip(b"\0") + b"\n")
    except (socket.timeout, SystemExit):
        pass
