# vectors: the golden frames under proto/golden/ and the proto3 JSON view of a Frame,
# for the codec tests (plain code so it also runs under MicroPython).
import binascii
import json
import os

from motormesh import wire

GOLDEN = "../proto/golden"


def golden():
    # [(name, datagram bytes, parsed JSON)] in name order
    out = []
    for fn in sorted(os.listdir(GOLDEN)):
        if fn.endswith(".json"):
            with open(GOLDEN + "/" + fn) as f:
                meta = json.load(f)
            with open(GOLDEN + "/" + fn[:-5] + ".bin", "rb") as f:
                data = f.read()
            out.append((fn[:-5], data, meta))
    return out


def _put(d, k, v, default):
    if v != default:
        d[k] = str(v) if isinstance(v, int) and not isinstance(v, bool) and k not in _INT32 else v


_INT32 = ("port", "protocol_version", "priority", "beacon_ms")


def to_json(fr):
    # the proto3 JSON mapping used by the golden files (64-bit ints as strings)
    d = {}
    _put(d, "sender_id", fr.sender_id, "")
    _put(d, "boot_epoch", fr.boot_epoch, 0)
    _put(d, "seq", fr.seq, 0)
    _put(d, "sent_time_us", fr.sent_time_us, 0)
    _put(d, "dest_id", fr.dest_id, "")
    b = fr.body
    if fr.kind == wire.HELLO:
        h = {}
        _put(h, "name", b.name, "")
        _put(h, "role", b.role, "")
        _put(h, "port", b.port, 0)
        _put(h, "protocol_version", b.protocol_version, 0)
        _put(h, "subscriptions", b.subscriptions, [])
        peers = []
        for node_id, name, host, port in b.peers:
            p = {}
            _put(p, "node_id", node_id, "")
            _put(p, "name", name, "")
            _put(p, "host", host, "")
            _put(p, "port", port, 0)
            peers.append(p)
        _put(h, "peers", peers, [])
        _put(h, "reply_requested", b.reply_requested, False)
        _put(h, "channel", b.channel, "")
        _put(h, "priority", b.priority, 0)
        _put(h, "beacon_ms", b.beacon_ms, 0)
        _put(h, "dnssd", b.dnssd, False)
        d["hello"] = h
    elif fr.kind == wire.HEARTBEAT:
        h = {}
        _put(h, "echo_time_us", b.echo_time_us, 0)
        _put(h, "echo_delay_us", b.echo_delay_us, 0)
        _put(h, "reply_requested", b.reply_requested, False)
        d["heartbeat"] = h
    elif fr.kind == wire.ACK:
        h = {}
        _put(h, "message_id", b.message_id, 0)
        _put(h, "echo_time_us", b.echo_time_us, 0)
        d["ack"] = h
    elif fr.kind == wire.BYE:
        d["bye"] = {}
    elif fr.kind == wire.PUBLISH:
        h = {}
        _put(h, "topic", b.topic, "")
        if b.vkind:
            v = b.value
            if b.vkind == wire.DATA:
                v = binascii.b2a_base64(v).decode().strip()
            elif b.vkind == wire.INTEGER:
                v = str(v)
            names = ("", "integer", "number", "text", "boolean", "data", "json")
            h["value"] = {names[b.vkind]: v}
        if b.qos:
            h["qos"] = "QOS_ACKED"
        _put(h, "message_id", b.message_id, 0)
        _put(h, "from_channel", b.from_channel, False)
        d["publish"] = h
    return d
