# device: one run of a Smart Motor under the supervisor: config, Wi-Fi, the board's
# parts, node, app and loop; returns or raises, and the supervisor starts it again.
from .apps import App
from .config import boot_epoch
from .loop import Loop
from .node import Node


def run(sup):
    cfg = sup.config()
    motor, name, role, follow, settings = sup.board(cfg)
    sup.screen(name, "Wi-Fi %s..." % cfg.ssid)
    wifi, ip = sup.wifi(cfg, name)
    if not cfg.iface:
        cfg.iface = ip
    cfg.name = name
    node = Node(name, cfg.mesh_role(), boot_epoch(cfg.epoch_file), None, cfg.group_key or None)
    app = App(node, motor, role, follow, sup.app_echo, settings)
    app.ip = ip
    sup.app = app
    loop = Loop(node, app, cfg, sup.clock, sup.echo)
    loop.every(wifi.poll)
    loop.every(sup.feed)
    for fn in sup.hooks:
        loop.every(fn)
    port = loop.open()
    sup.echo("motormesh %s id=%s %s:%d role=%s mdns=%s" % (name, node.id, ip, port, role, loop.mode))
    try:
        loop.run()
    finally:
        loop.close()
