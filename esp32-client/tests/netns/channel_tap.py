# channel_tap: a classroom-channel client that only listens (a LEGO page stand-in), standard
# library only: python3 channel_tap.py ws://HOST:PORT/user/api/channels/NAME
# Prints "welcome ID" once, then "channel SENDER_ID TOPIC VALUE_JSON" for each data frame (the
# payload parsed once more, as the channel protocol says), and answers pings. ws:// only.
#   python3 channel_tap.py URL flood TOPICS COUNT SECONDS
# is a hostile page instead: after its welcome it posts {"topic":"/flood/<i mod TOPICS>","value":i} as fast
# as it can, COUNT posts at most, for SECONDS at most, prints "flooded N SECONDS", then listens as above.
import base64
import json
import os
import socket
import struct
import sys
from urllib.parse import urlparse


def _read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("channel closed")
        buf += chunk
    return buf


def _send_frame(sock, opcode, payload):
    mask = os.urandom(4)
    head = bytes([0x80 | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def _frames(sock):
    while True:
        b0, b1 = _read_exact(sock, 2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack(">H", _read_exact(sock, 2))[0]
        elif n == 127:
            n = struct.unpack(">Q", _read_exact(sock, 8))[0]
        if n > 1 << 20:
            raise ValueError("frame of %d bytes" % n)
        yield b0 & 0x0F, _read_exact(sock, n)


def flood(sock, topics, count, seconds):
    import time

    start = time.monotonic()
    n = 0
    while n < count and (n % 64 or time.monotonic() - start < seconds):
        _send_frame(sock, 0x1, json.dumps({"topic": "/flood/%d" % (n % topics), "value": n}).encode())
        n += 1
    print("flooded %d %.3f" % (n, time.monotonic() - start), flush=True)


def main(url, hostile=None):
    u = urlparse(url)
    if u.scheme != "ws":
        sys.stderr.write("channel_tap speaks ws:// only, not %r\n" % url)
        return 2
    sock = socket.create_connection((u.hostname, u.port or 80), timeout=60)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                  % (u.path or "/", u.hostname, u.port or 80, key)).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += _read_exact(sock, 1)
    if b" 101 " not in head.split(b"\r\n")[0]:
        sys.stderr.write("channel refused the upgrade: %r\n" % head.split(b"\r\n")[0])
        return 1
    for opcode, payload in _frames(sock):
        if opcode == 0x9:
            _send_frame(sock, 0xA, payload)
        elif opcode == 0x8:
            break
        elif opcode == 0x1:
            try:
                frame = json.loads(payload.decode("utf-8"))
                if frame.get("type") == "welcome":
                    print("welcome %s" % frame.get("client_id"), flush=True)
                    if hostile:
                        flood(sock, *hostile)
                        hostile = None
                elif frame.get("type") == "data":
                    inner = json.loads(frame["payload"])
                    print("channel %s %s %s" % (frame.get("client_id"), inner.get("topic"),
                                                json.dumps(inner.get("value"), separators=(",", ":"))), flush=True)
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                print("bad %s" % e, flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[2] == "flood":
        sys.exit(main(sys.argv[1], (int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))))
    sys.exit(main(sys.argv[1]))
