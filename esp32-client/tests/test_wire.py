# Codec tests: golden vectors, RFC 4231 HMAC vectors, varint edges, garbage input.
import binascii
import unittest

from motormesh import wire
from tests import vectors


def unhex(s):
    return binascii.unhexlify(s)


class GoldenTest(unittest.TestCase):
    def test_should_find_the_golden_vectors(self):
        names = [v[0] for v in vectors.golden()]
        self.assertTrue(len(names) >= 27, names)
        self.assertIn("hello_signed", names)
        self.assertIn("reject_bad_tag", names)

    def test_should_decode_and_reencode_every_accepted_vector_byte_identical(self):
        for name, data, meta in vectors.golden():
            if meta["expect"] != "accept":
                continue
            self.assertEqual(unhex(meta["hex"]), data, name)
            key = wire.Key(meta["group_key"]) if meta["group_key"] is not None else None
            fr = wire.decode(data, key)
            self.assertEqual(vectors.to_json(fr), meta["frame"], name)
            self.assertEqual(wire.encode(fr, key), data, name)

    def test_should_reject_every_reject_vector_with_its_reason(self):
        seen = 0
        for name, data, meta in vectors.golden():
            if meta["expect"] != "reject":
                continue
            key = wire.Key(meta["group_key"]) if meta["group_key"] is not None else None
            try:
                wire.decode(data, key)
                self.fail(name + " was accepted")
            except wire.Drop as e:
                self.assertEqual(e.args[0], meta["reason"], name)
            seen += 1
        self.assertTrue(seen >= 9)

    def test_should_read_the_v2_fields_of_the_golden_frames(self):
        g = dict((v[0], v[1]) for v in vectors.golden())
        beacon = wire.decode(g["beacon"]).body
        self.assertEqual((beacon.protocol_version, beacon.beacon_ms, beacon.dnssd, beacon.reply_requested),
                         (wire.PROTOCOL, 1000, False, False))
        hello = wire.decode(g["hello"]).body
        self.assertEqual((hello.protocol_version, hello.beacon_ms, hello.dnssd), (3, 3000, True))
        self.assertEqual((hello.reply_requested, wire.decode(g["hello"]).dest_id), (True, ""), "first contact")
        self.assertEqual(wire.decode(g["publish_integer"]).dest_id, "c0ffee000002")
        probe = wire.decode(g["heartbeat_probe"]).body
        self.assertTrue(probe.reply_requested)
        self.assertFalse(wire.decode(g["heartbeat"]).body.reply_requested)
        for name in ("beacon_signed", "heartbeat_probe_signed"):
            self.assertEqual(wire.encode(wire.decode(g[name], wire.Key("classroom-key")), wire.Key("classroom-key")), g[name])

    def test_should_refuse_a_signed_frame_without_a_key_here(self):
        data = [v[1] for v in vectors.golden() if v[0] == "hello_signed"][0]
        self.assertEqual(self._reason(data, None), "UNEXPECTED_TAG")
        self.assertEqual(self._reason(data, wire.Key("other-key")), "BAD_TAG")
        self.assertEqual(self._reason(data[:19], wire.Key("classroom-key")), "TRUNCATED")

    def test_should_refuse_frames_without_sender_seq_or_body(self):
        key = None
        for fr in (
            wire.Frame("", 1, 1, 0, wire.BYE),
            wire.Frame("ab", 1, 0, 0, wire.BYE),
            wire.Frame("ab", 1, 1, 0, 0),
        ):
            self.assertEqual(self._reason(wire.encode(fr, key), key), "INCOMPLETE")

    def _reason(self, data, key):
        try:
            wire.decode(data, key)
        except wire.Drop as e:
            return e.args[0]
        return None


class RoundTripTest(unittest.TestCase):
    def _round(self, body, kind, key=None):
        fr = wire.Frame("0badcafe0001", 1700000000000, 7, 123456789, kind, body)
        data = wire.encode(fr, key)
        back = wire.decode(data, key)
        self.assertEqual(wire.encode(back, key), data)
        return back

    def test_should_round_trip_every_value_kind(self):
        cases = (
            (wire.INTEGER, 0),
            (wire.INTEGER, -1),
            (wire.INTEGER, 9223372036854775807),
            (wire.INTEGER, -9223372036854775808),
            (wire.NUMBER, 3.25),
            (wire.TEXT, "héllo"),
            (wire.BOOLEAN, False),
            (wire.DATA, b"\x00\xff"),
            (wire.JSON, "null"),
        )
        for vkind, v in cases:
            p = self._round(wire.Publish("/t", vkind, v, wire.QOS_ACKED, 5), wire.PUBLISH).body
            self.assertEqual((p.vkind, p.value, p.qos, p.message_id), (vkind, v, 1, 5))

    def test_should_round_trip_a_long_hello_with_two_byte_lengths(self):
        peers = [("%012x" % i, "motor-%d" % i, "127.0.0.1", 40000 + i) for i in range(12)]
        h = wire.Hello("motor-1", "motor", 47000, ["/SM/", ""], peers, True)
        back = self._round(h, wire.HELLO, wire.Key("k")).body
        self.assertEqual(back.peers, peers)
        self.assertEqual(back.subscriptions, ["/SM/", ""])
        self.assertTrue(back.reply_requested)

    def test_should_refuse_to_encode_more_than_1200_bytes(self):
        fr = wire.Frame("ab", 1, 1, 0, wire.PUBLISH, wire.Publish("/t", wire.DATA, bytes(1190)))
        self.assertRaises(ValueError, wire.encode, fr)

    def test_should_skip_unknown_fields(self):
        # Frame field 99 (varint) and 98 (bytes) before the body
        fr = wire.Frame("ab", 1, 1, 0, wire.BYE)
        data = wire.encode(fr)
        extra = b"\x98\x06\x05\x92\x06\x02hi"
        back = wire.decode(data[:4] + extra + data[4:])
        self.assertEqual((back.sender_id, back.kind), ("ab", wire.BYE))


class HmacTest(unittest.TestCase):
    # RFC 4231 test cases 1-4, 6 and 7 (HMAC-SHA-256), and 5 (truncated to 128 bits)
    CASES = (
        ("0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (
            "4a656665",
            b"what do ya want for nothing?",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        ),
        ("aa" * 20, b"\xdd" * 50, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (
            "0102030405060708090a0b0c0d0e0f10111213141516171819",
            b"\xcd" * 50,
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        ),
        ("0c" * 20, b"Test With Truncation", "a3b6167473100ee06e0c796c2955552b"),
        (
            "aa" * 131,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
        (
            "aa" * 131,
            b"This is a test using a larger than block-size key and a larger than block-size data."
            b" The key needs to be hashed before being used by the HMAC algorithm.",
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        ),
    )

    def test_should_match_rfc_4231(self):
        for key, data, expected in self.CASES:
            mac = wire.Key(unhex(key)).digest(data)
            self.assertEqual(binascii.hexlify(mac[: len(expected) // 2]).decode(), expected)

    def test_should_compare_tags_of_any_content(self):
        self.assertTrue(wire.same_tag(b"\x01\x02", b"\x01\x02"))
        self.assertFalse(wire.same_tag(b"\x01\x02", b"\x01\x03"))
        self.assertFalse(wire.same_tag(b"\x01", b"\x01\x02"))


class GarbageTest(unittest.TestCase):
    def test_should_drop_random_bodies_without_crashing(self):
        # a fixed linear congruential sequence: the same bytes on every port
        x = 12345
        good = wire.encode(wire.Frame("ab", 1, 1, 0, wire.PUBLISH, wire.Publish("/t", wire.INTEGER, 5)))
        for i in range(400):
            buf = bytearray(good)
            for j in range(1 + i % 4):
                x = (x * 1103515245 + 12345) & 0x7FFFFFFF
                buf[4 + x % (len(buf) - 4)] = (x >> 8) & 0xFF
            try:
                wire.decode(bytes(buf[: 4 + (x >> 4) % (len(buf) - 3)]))
            except wire.Drop as e:
                self.assertIn(e.args[0], ("UNPARSEABLE", "INCOMPLETE"))

    def test_should_raise_nothing_but_drop_on_random_bytes_truncations_and_bit_flips(self):
        x = 99
        key = wire.Key("classroom-key")
        goods = [v[1] for v in vectors.golden() if v[2]["expect"] == "accept"]
        reasons = {}
        for i in range(1500):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            buf = bytearray(goods[x % len(goods)])
            if i % 3 == 0:
                buf = bytearray((x >> (j % 23)) & 0xFF for j in range(x % 90))
            elif i % 3 == 1:
                buf = buf[: x % (len(buf) + 1)]
            else:
                for j in range(1 + x % 3):
                    buf[(x >> j) % len(buf)] ^= 1 << (j + x) % 8
            for k in (None, key):
                try:
                    wire.decode(bytes(buf), k)
                except wire.Drop as e:
                    reasons[e.args[0]] = reasons.get(e.args[0], 0) + 1
        self.assertTrue(len(reasons) >= 5, reasons)

    def test_should_cap_lists_and_refuse_invalid_utf8(self):
        h = wire.Hello("m", "motor", 1, ["/t%d" % i for i in range(33)])
        data = wire.encode(wire.Frame("ab", 1, 1, 0, wire.HELLO, h))
        self.assertRaises(wire.Drop, wire.decode, data)
        peers = [("%012x" % i, "", "1.2.3.4", 1) for i in range(33)]
        data = wire.encode(wire.Frame("ab", 1, 1, 0, wire.HELLO, wire.Hello("m", "motor", 1, None, peers)))
        self.assertRaises(wire.Drop, wire.decode, data)
        data = wire.encode(wire.Frame("ab", 1, 1, 0, wire.PUBLISH, wire.Publish("/\u00e9", wire.INTEGER, 1)))
        bad = data.replace("/\u00e9".encode(), b"/\xff\xfe")
        try:
            wire.decode(bad)
            self.fail("accepted")
        except wire.Drop as e:
            self.assertEqual(e.args[0], "UNPARSEABLE")

    def test_should_refuse_overlong_varints(self):
        body = b"\x10" + b"\xff" * 10 + b"\x01"
        try:
            wire.decode(b"MM\x01\x00" + body)
            self.fail("accepted")
        except wire.Drop as e:
            self.assertEqual(e.args[0], "UNPARSEABLE")


if __name__ == "__main__":
    unittest.main()
