# run_node: the esp32-client on a PC with the fake Smart Motor, under CPython or the
# MicroPython unix port. One line per event on stdout, flushed.
#
#   run_node.py --name motor-1 --role controller|receiver|node --iface 127.0.0.1
#               [--port N] [--scout-port 47001|0] [--peer HOST:PORT ...] [--follow NAME]
#               [--mdns auto|responder|query|off] [--hold-5353] [--key GROUPKEY]
#               [--seconds N] [--state DIR]
#   (the older words name=... role=... peer=... key=... seconds=... are still read)
#
# stdout: "ready NAME id=ID port=N epoch=E mdns=MODE scout=PORT dnssd=0|1 used=BYTES" (the
# heap in use once started, -1 on CPython), then one line
# per event: "joined NAME ID IP:PORT", "lost NAME ID", "message FROM TOPIC VALUE",
# "published TOPIC VALUE to N", "servo ANGLE" (receiver), "address IP", and at the end
# "stopped NAME counter=n ... used=BYTES".
# stdin (optional): a number sets the fake knob; "pub TOPIC VALUE" publishes a value (an
# integer, a number, true/false, or text); "sub PREFIX ..." replaces the subscriptions;
# "addr IP" tells the loop the interface address changed.
import sys

sys.path.insert(0, __file__.rpartition("/")[0] + "/.." if "/" in __file__ else "..")

import socket
import time

from motormesh import wire
from motormesh.apps import App
from motormesh.compat import Clock
from motormesh.config import Config, boot_epoch
from motormesh.loop import Loop
from motormesh.node import Listener, Node, SCOUT_PORT
from motormesh.smartmotor import FakeMotor

_FLAGS = ("name", "role", "port", "scout-port", "iface", "peer", "mdns", "follow", "key", "seconds", "state")


def say(line):
    sys.stdout.write(line + "\n")
    try:
        sys.stdout.flush()
    except AttributeError:
        pass


def parse_args(argv):
    # -> (Config, extra settings); flags or key=value words
    settings = {"peers": [], "port": 0, "mdns": "auto"}
    extra = {"seconds": 0.0, "state": "", "scout_port": SCOUT_PORT, "hold": False}
    pairs = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--hold-5353":
            extra["hold"] = True
        elif a.startswith("--") and a[2:] in _FLAGS:
            if i + 1 >= len(argv):
                raise ValueError("%s needs a value" % a)
            pairs.append((a[2:], argv[i + 1]))
            i += 1
        else:
            k, sep, v = a.partition("=")
            if not sep:
                raise ValueError("unknown argument %r" % a)
            pairs.append((k, v))
        i += 1
    for k, v in pairs:
        if k == "peer":
            settings["peers"].append(v)
        elif k == "seconds":
            extra["seconds"] = float(v)
        elif k == "state":
            extra["state"] = v
        elif k in ("scout-port", "scout_port"):
            extra["scout_port"] = int(v)
        elif k == "key":
            settings["group_key"] = v
        else:
            settings[k] = v
    return Config(**settings), extra


def value_of(text):
    if text in ("true", "false"):
        return wire.BOOLEAN, text == "true"
    try:
        return wire.INTEGER, int(text)
    except ValueError:
        pass
    try:
        return wire.NUMBER, float(text)
    except ValueError:
        return wire.TEXT, text


def hold_5353():
    # what the stock firmware does: 0.0.0.0:5353 bound without SO_REUSEADDR
    # (already held by another process: just as good)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(socket.getaddrinfo("0.0.0.0", 5353, 0, socket.SOCK_DGRAM)[0][-1])
    except OSError:
        s.close()
        return None
    return s


class Echo(Listener):
    # the app's events, plus one "message FROM TOPIC VALUE" line per delivered message
    def __init__(self, app):
        self.app = app

    def on_peer_joined(self, peer):
        self.app.on_peer_joined(peer)

    def on_peer_lost(self, peer):
        self.app.on_peer_lost(peer)

    def on_message(self, peer, pub):
        say("message %s %s %r" % (peer.name, pub.topic, pub.value))
        self.app.on_message(peer, pub)


def main(argv):
    cfg, extra = parse_args(argv)
    state = extra["state"]
    if not state:
        import os

        state = os.getenv("TMPDIR") or "/tmp"
    held = hold_5353() if extra["hold"] else None
    epoch = boot_epoch("%s/motormesh-%s.epoch" % (state, cfg.name), time.time())
    clock = Clock()
    motor = FakeMotor()
    loop = Loop(cfg, clock, say, extra["scout_port"])
    port = loop.open()
    node = Node(cfg.name, cfg.mesh_role(), epoch, loop.send, port, key=cfg.group_key or None,
                scout_port=loop.scout_port, dnssd=loop.dnssd, now=clock.now())
    app = App(node, motor, cfg.role, cfg.follow, say)
    node.listener = Echo(app)
    loop.start(node, app)
    import gc

    gc.collect()
    used = gc.mem_alloc() if hasattr(gc, "mem_alloc") else -1
    say("ready %s id=%s port=%d epoch=%d mdns=%s scout=%d dnssd=%d used=%d"
        % (cfg.name, node.id, port, epoch, loop.mode, loop.scout_port, 1 if loop.dnssd else 0, used))

    def on_stdin(f):
        line = f.readline()
        if not line:
            loop.unwatch(f)
            return
        words = line.strip().split(" ", 2)
        if len(words) == 3 and words[0] == "pub":
            vkind, v = value_of(words[2])
            n = node.publish(words[1], vkind, v, clock.now())
            say("published %s %r to %d" % (words[1], v, n))
        elif words[0] == "sub":
            node.subscribe(line.strip().split(" ")[1:], clock.now())
        elif words[0] == "addr" and len(words) == 2:
            if loop.on_address(words[1]):
                say("address %s" % words[1])
        elif words[0].isdigit():
            motor.knob_angle = int(words[0])

    try:
        loop.watch(sys.stdin, on_stdin)
    except (OSError, TypeError, ValueError):
        pass
    try:
        import signal

        signal.signal(signal.SIGTERM, lambda *a: loop.stop())
        signal.signal(signal.SIGINT, lambda *a: loop.stop())
    except (ImportError, AttributeError):
        pass
    try:
        loop.run(extra["seconds"])
    except KeyboardInterrupt:
        pass
    loop.close()
    if held:
        held.close()
    gc.collect()
    used = gc.mem_alloc() if hasattr(gc, "mem_alloc") else -1
    say("stopped %s %s used=%d" % (cfg.name, " ".join("%s=%d" % kv for kv in sorted(node.stats.items())), used))


if __name__ == "__main__":
    main(sys.argv[1:])
