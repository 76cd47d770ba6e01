# flood: a hostile sender for the netns suite: python3 flood.py TARGET_IP TARGET_PORT SECONDS MAX_DATAGRAMS
# Sends, as fast as it can for SECONDS (at most MAX_DATAGRAMS), a mix of random bytes, a valid
# header followed by junk, and Hellos from made-up node ids asking for a reply (each a new
# "peer"), and counts what comes back. Prints one line at the end:
#   flood sent=N bytes=B seconds=S rate=R replies=M reply_bytes=RB
import os
import random
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from motormesh import wire  # noqa: E402 (the client's own encoder: real frames)


def pool(n, seed=7):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            out.append(bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 300))))
        elif kind == 1:
            out.append(b"MM\x01\x00" + bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 200))))
        else:
            hello = wire.Hello(name="ghost-%d" % i, role="node", port=47000, reply_requested=True)
            f = wire.Frame(sender_id="%012x" % rnd.getrandbits(48), boot_epoch=1, seq=1, sent_time_us=1,
                           kind=wire.HELLO, body=hello)
            out.append(wire.encode(f))
    return out


def main(argv):
    target = (argv[1], int(argv[2]))
    seconds = float(argv[3])
    limit = int(argv[4])
    datagrams = pool(3000)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setblocking(False)
    got = [0, 0]
    stop = threading.Event()

    def listen():
        r = socket.socket(fileno=os.dup(s.fileno()))
        r.settimeout(0.1)
        while not stop.is_set():
            try:
                data = r.recv(4096)
                got[0] += 1
                got[1] += len(data)
            except (socket.timeout, BlockingIOError):
                pass
            except OSError:
                break

    t = threading.Thread(target=listen, daemon=True)
    t.start()
    sent = nbytes = 0
    start = time.monotonic()
    end = start + seconds
    while sent < limit:
        if sent % 256 == 0 and time.monotonic() >= end:
            break
        d = datagrams[sent % len(datagrams)]
        try:
            s.sendto(d, target)
            sent += 1
            nbytes += len(d)
        except BlockingIOError:
            time.sleep(0.0005)
    took = time.monotonic() - start
    time.sleep(0.3)
    stop.set()
    t.join(1)
    print("flood sent=%d bytes=%d seconds=%.2f rate=%d replies=%d reply_bytes=%d"
          % (sent, nbytes, took, sent / max(took, 1e-6), got[0], got[1]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
