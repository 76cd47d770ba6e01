# board_sim: one whole Smart Motor board on a PC (supervisor, device, app, loop, real
# sockets) over the recording fakes of machine/network/ssd1306, under the MicroPython
# unix port or CPython. Its flash is a folder; one line per event on stdout.
#
#   board_sim.py dir=FOLDER [name=N] [role=controller|receiver] [follow=N] [uid=HEX]
#                [port=N] [peer=HOST:PORT ...] [iface=127.0.0.1] [mdns=off] [seconds=N]
#                [state=DIR (dir=DIR/NAME)] [keep=1 (keep the folder's motormesh.json)]
#                [scout-port=N (the scouting port, 0: off; default 47001)]
#
# stdin: a number turns the knob; "down 8" / "up 8" press and release the button on
# GPIO8 (9, 10 likewise).
import os
import sys

_HERE = __file__.rpartition("/")[0] if "/" in __file__ else "."
if not _HERE.startswith("/"):
    _HERE = os.getcwd() + "/" + _HERE  # absolute: the board's folder becomes the cwd
sys.path.insert(0, _HERE + "/..")
sys.path.insert(0, _HERE + "/../tests/fakes")

import json  # noqa: E402
import select  # noqa: E402
import time  # noqa: E402

import machine  # noqa: E402  (the fakes)
import network  # noqa: E402
import ssd1306  # noqa: E402

from motormesh.supervisor import Supervisor  # noqa: E402


class Stop(BaseException):
    pass


def say(line):
    sys.stdout.write(line + "\n")
    try:
        sys.stdout.flush()
    except AttributeError:
        pass


def parse(argv):
    cfg = {"ssid": "sim", "password": "", "iface": "127.0.0.1", "mdns": "off", "port": 0, "peers": []}
    opts = {"dir": "", "seconds": "0", "uid": "", "state": "", "keep": "", "scout-port": ""}
    for arg in argv:
        k, sep, v = arg.partition("=")
        if not sep:
            raise ValueError("arguments are key=value, not %r" % arg)
        if k == "peer":
            cfg["peers"].append(v)
        elif k in opts:
            opts[k] = v
        elif k == "port":
            cfg[k] = int(v)
        else:
            cfg[k] = v
    if not opts["dir"]:
        opts["dir"] = (opts["state"] or "/tmp") + "/" + (cfg.get("name") or "board")
    return cfg, opts


def mkdirs(path):
    p = ""
    for part in path.split("/"):
        p = p + "/" + part if p or path.startswith("/") else part
        try:
            os.mkdir(p)
        except OSError:
            pass


class Inputs:
    # stdin lines -> the fake knob and buttons; the end of the run after `seconds`
    def __init__(self, clock, seconds):
        self.clock = clock
        self.end = clock.now() + int(seconds * 1000) if seconds else 0
        self.poll = select.poll()
        self.open = True
        try:
            self.poll.register(sys.stdin, select.POLLIN)
        except (OSError, TypeError, ValueError):
            self.open = False

    def __call__(self, now):
        if self.end and now >= self.end:
            raise Stop()
        while self.open and self.poll.poll(0):
            line = sys.stdin.readline()
            if not line:
                self.poll.unregister(sys.stdin)
                self.open = False
                break
            self.on_line(line.split())
        return now + 20

    def on_line(self, w):
        if len(w) == 1 and w[0].isdigit():
            a = min(180, int(w[0]))
            machine.adc[3] = (a * 65535 + 179) // 180
        elif len(w) == 2 and w[0] in ("down", "up") and w[1].isdigit():
            machine.levels[int(w[1])] = 0 if w[0] == "down" else 1


def main(argv):
    cfg, opts = parse(argv)
    machine.LIMIT = 16  # the fakes keep only the last calls and screens: a board's RAM
    ssd1306.KEEP[0] = 1
    if opts["uid"]:
        import binascii

        machine.UID = binascii.unhexlify(opts["uid"])
    mkdirs(opts["dir"])
    os.chdir(opts["dir"])
    if not (opts["keep"] and "motormesh.json" in os.listdir(".")):
        with open("motormesh.json", "w") as f:
            json.dump(cfg, f)
    sup = Supervisor(machine, network, ssd1306, echo=say)
    sup.app_echo = say
    if opts["scout-port"]:
        sup.scout_port = int(opts["scout-port"])
    inputs = Inputs(sup.clock, float(opts["seconds"]))
    sup.hooks.append(inputs)
    say("board %s" % opts["dir"])
    try:
        sup.forever()
    except (Stop, KeyboardInterrupt):
        pass
    app = sup.app
    say("stopped %s errors=%d dropped=%d" % (app.node.name if app else "-", sup.errors, app.drops.total if app else 0))


if __name__ == "__main__":
    main(sys.argv[1:])
