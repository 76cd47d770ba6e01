# device: one run of a Smart Motor under the supervisor: config, Wi-Fi, the board's
# parts, node, app and loop; returns or raises, and the supervisor starts it again.
import gc

from .apps import App
from .config import boot_epoch
from .loop import Loop
from .node import Node


def _free():
    return gc.mem_free() if hasattr(gc, "mem_free") else -1  # CPython has no heap figure


def run(sup):
    cfg = sup.config()
    motor, name, role, follow, settings = sup.board(cfg)
    sup.screen(name, "Wi-Fi %s..." % cfg.ssid)
    wifi, ip = sup.wifi(cfg, name)
    if not cfg.iface:
        cfg.iface = ip
    cfg.name = name
    sup.release()  # a free block for the node, the loop and the app
    loop = Loop(cfg, sup.clock, sup.echo, sup.scout_port)
    try:  # whatever fails from here (a MemoryError at start too), the sockets are closed
        port = loop.open()
        node = Node(name, cfg.mesh_role(), boot_epoch(cfg.epoch_file), loop.send, port, key=cfg.group_key or None,
                    scout_port=loop.scout_port, dnssd=loop.dnssd, now=sup.clock.now())
        app = App(node, motor, role, follow, sup.app_echo, settings)
        app.ip = ip
        sup.app = app
        loop.start(node, app)
        loop.every(wifi.poll)
        loop.every(sup.feed)
        for fn in sup.hooks:
            loop.every(fn)
        gc.collect()  # the start-up garbage gone before the long run: less fragmentation
        sup.echo("motormesh %s id=%s %s:%d role=%s mdns=%s free=%d" % (name, node.id, ip, port, role, loop.mode, _free()))
        loop.run()
    finally:
        loop.close()
