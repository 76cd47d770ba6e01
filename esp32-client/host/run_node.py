# run_node: the esp32-client on a PC with the fake Smart Motor, under CPython or the
# MicroPython unix port. One line per event on stdout, flushed.
#
#   run_node.py name=motor-1 role=controller|receiver|node iface=127.0.0.1
#               [key=GROUPKEY] [peer=HOST:PORT ...] [follow=CONTROLLER] [port=N]
#               [mdns=responder|query|off] [seconds=N] [state=DIR]
#
# stdin (optional): a number sets the fake knob; "pub TOPIC VALUE" publishes a value
# (an integer, a number, true/false, or text).
import sys

sys.path.insert(0, __file__.rpartition("/")[0] + "/.." if "/" in __file__ else "..")

import time

from motormesh import wire
from motormesh.apps import App
from motormesh.compat import Clock
from motormesh.config import Config, boot_epoch
from motormesh.loop import Loop
from motormesh.node import Node
from motormesh.smartmotor import FakeMotor


def say(line):
    sys.stdout.write(line + "\n")
    try:
        sys.stdout.flush()
    except AttributeError:
        pass


def parse_args(argv):
    settings = {"peers": []}
    extra = {"seconds": 0, "state": "", "key": ""}
    for arg in argv:
        k, sep, v = arg.partition("=")
        if not sep:
            raise ValueError("arguments are key=value, not %r" % arg)
        if k == "peer":
            settings["peers"].append(v)
        elif k in ("seconds", "state"):
            extra[k] = v
        elif k == "key":
            settings["group_key"] = v
        else:
            settings[k] = v
    settings.setdefault("port", 0)
    settings.setdefault("mdns", "auto")
    return Config(**settings), float(extra["seconds"] or 0), extra["state"]


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


def main(argv):
    cfg, seconds, state = parse_args(argv)
    if not state:
        import os

        state = os.getenv("TMPDIR") or "/tmp"
    epoch = boot_epoch("%s/motormesh-%s.epoch" % (state, cfg.name), time.time())
    clock = Clock()
    motor = FakeMotor()
    node = Node(cfg.name, cfg.mesh_role(), epoch, None, cfg.group_key or None)
    app = App(node, motor, cfg.role, cfg.follow, say)
    loop = Loop(node, app, cfg, clock, say)
    port = loop.open()
    say("ready %s id=%s port=%d epoch=%d mdns=%s" % (cfg.name, node.id, port, epoch, loop.mode))

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
        loop.run(seconds)
    except KeyboardInterrupt:
        pass
    loop.close()
    say("stopped %s %s" % (cfg.name, " ".join("%s=%d" % kv for kv in sorted(node.stats.items()))))


if __name__ == "__main__":
    main(sys.argv[1:])
