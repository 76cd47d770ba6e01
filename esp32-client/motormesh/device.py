# device: a Smart Motor's start-up: settings, Wi-Fi, hardware, node, loop.
import time

from .apps import App
from .compat import Clock
from .config import boot_epoch, load
from .loop import Loop
from .node import Node
from .smartmotor import SmartMotor
from .wifi import Wifi


def run(path="motormesh.json"):
    cfg = load(path)
    motor = SmartMotor()
    motor.show([cfg.name, "Wi-Fi..."])
    wifi = Wifi(cfg.ssid, cfg.password)
    ip = wifi.up(time.sleep_ms)
    if not cfg.iface:
        cfg.iface = ip
    node = Node(cfg.name, cfg.mesh_role(), boot_epoch(cfg.epoch_file), None, cfg.group_key or None)
    app = App(node, motor, cfg.role, cfg.follow, print)
    loop = Loop(node, app, cfg, Clock())
    loop.every(wifi.poll)
    print("motormesh %s id=%s %s:%d mdns=%s" % (cfg.name, node.id, ip, loop.open(), loop.mode))
    try:
        loop.run()
    finally:
        loop.close()
