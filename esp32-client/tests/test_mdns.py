# mDNS tests: build/parse round trips, malformed packets, responder and querier timing.
import struct
import unittest

from motormesh import dnscodec as mdns
from motormesh.dnssd import Querier, Responder
from motormesh.dnscodec import A, PTR, SRV, TXT, ANY, SERVICE, Message, Record

INST = ("motor-3",) + SERVICE
HOST = ("motor-3", "local")


def announcement(name="motor-3", port=47000, ip="127.0.0.1", ttl=120):
    m = Message(0, mdns.RESPONSE)
    inst = (name,) + SERVICE
    m.answers = [
        Record(SERVICE, PTR, 4500, inst),
        Record(inst, SRV, ttl, (0, 0, port, (name, "local")), True),
        Record(inst, TXT, 4500, [b"v=2", b"id=0badcafe0001", b"role=motor"], True),
        Record((name, "local"), A, ttl, ip, True),
    ]
    return m


class CodecTest(unittest.TestCase):
    def test_should_round_trip_a_full_announcement(self):
        data = mdns.build(announcement())
        m = mdns.parse(data)
        self.assertTrue(m.is_response())
        self.assertEqual([r.rtype for r in m.answers], [PTR, SRV, TXT, A])
        self.assertEqual(m.answers[0].data, INST)
        self.assertEqual(m.answers[1].data, (0, 0, 47000, HOST))
        self.assertTrue(m.answers[1].flush)
        self.assertEqual(m.answers[2].data, [b"v=2", b"id=0badcafe0001", b"role=motor"])
        self.assertEqual(m.answers[3].data, "127.0.0.1")
        self.assertEqual(mdns.build(m), data)

    def test_should_compress_repeated_names(self):
        data = mdns.build(announcement())
        # "_motormesh" is written once; every later use is a pointer
        self.assertEqual(data.count(b"_motormesh"), 1)
        self.assertEqual(data.count(b"\x05local"), 1)
        self.assertTrue(len(data) < 170, len(data))

    def test_should_round_trip_questions_with_the_unicast_bit(self):
        m = Message(0x1234)
        m.questions = [(SERVICE, PTR, True), (HOST, ANY, False)]
        back = mdns.parse(mdns.build(m))
        self.assertEqual(back.id, 0x1234)
        self.assertEqual(back.questions, [(SERVICE, PTR, True), (HOST, ANY, False)])

    def test_should_list_services_of_a_response(self):
        found = mdns.services(mdns.parse(mdns.build(announcement())))
        self.assertEqual(found, [("motor-3", "127.0.0.1", 47000, {"v": "2", "id": "0badcafe0001", "role": "motor"}, 120)])

    def test_should_compare_names_case_insensitively(self):
        self.assertEqual(mdns.key(("Motor-3", "LOCAL")), mdns.key(HOST))


class MalformedTest(unittest.TestCase):
    def _bad(self, data):
        self.assertRaises(ValueError, mdns.parse, data)

    def _question(self, name_bytes, qd=1, an=0):
        return struct.pack(">HHHHHH", 0, 0, qd, an, 0, 0) + name_bytes + b"\x00\x0c\x00\x01"

    def test_should_reject_a_pointer_to_itself(self):
        self._bad(self._question(b"\xc0\x0c"))

    def test_should_reject_a_two_pointer_loop(self):
        # offset 12: label "a" then pointer to 17; offset 17: pointer back to 12
        body = b"\x01a\xc0\x11\x00" + b"\xc0\x0c"
        data = struct.pack(">HHHHHH", 0, 0, 2, 0, 0, 0) + body
        self._bad(data)

    def test_should_reject_a_pointer_past_the_end(self):
        self._bad(self._question(b"\xc3\xff"))

    def test_should_reject_a_cut_pointer_and_cut_labels(self):
        self._bad(struct.pack(">HHHHHH", 0, 0, 1, 0, 0, 0) + b"\xc0")
        self._bad(struct.pack(">HHHHHH", 0, 0, 1, 0, 0, 0) + b"\x05ab")

    def test_should_reject_a_truncated_record(self):
        data = mdns.build(announcement())
        for cut in (len(data) - 1, len(data) - 3, len(data) - 12, 13):
            self._bad(data[:cut])

    def test_should_reject_absurd_counts(self):
        self._bad(struct.pack(">HHHHHH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF))
        self._bad(struct.pack(">HHHHHH", 0, 0, 40, 40, 0, 0) + b"\x00" * 20)

    def test_should_reject_long_labels_and_names(self):
        self._bad(self._question(b"\x40" + b"a" * 64 + b"\x00"))
        self._bad(self._question((b"\x3f" + b"a" * 63) * 5 + b"\x00"))

    def test_should_reject_rdata_that_overruns_its_length(self):
        m = Message(0, mdns.RESPONSE)
        m.answers = [Record(HOST, A, 120, "127.0.0.1")]
        data = bytearray(mdns.build(m))
        data[-5] = 3  # rdlength 4 -> 3: A length check
        self._bad(bytes(data))

    def test_should_survive_random_garbage(self):
        good = mdns.build(announcement())
        x = 99
        for i in range(300):
            buf = bytearray(good)
            for _ in range(1 + i % 5):
                x = (x * 1103515245 + 12345) & 0x7FFFFFFF
                buf[x % len(buf)] = (x >> 9) & 0xFF
            try:
                mdns.parse(bytes(buf[: 12 + x % (len(buf) - 11)]))
            except ValueError:
                pass

    def test_should_survive_bit_flips_and_truncations_through_services(self):
        good = mdns.build(announcement())
        x = 7
        seen = []
        for i in range(1000):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            buf = bytearray(good)
            buf[x % len(buf)] ^= 1 << (x >> 5) % 8
            if i % 2:
                buf = buf[: x % len(buf)]
            try:
                mdns.services(mdns.parse(bytes(buf)), "127.0.0.1", seen.append)
            except ValueError:
                pass

    def test_should_skip_txt_that_is_not_utf8_and_srv_port_0(self):
        m = announcement()
        m.answers[2].data = [b"v=2", b"id=\xff\xfe", b"role=motor"]
        seen = []
        found = mdns.services(mdns.parse(mdns.build(m)), None, seen.append)
        self.assertEqual(found[0][3], {"v": "2", "role": "motor"})
        self.assertEqual(seen, ["mdns_bad_text"])
        m = announcement(port=0)
        self.assertEqual(mdns.services(mdns.parse(mdns.build(m)), None, seen.append), [])
        self.assertEqual(seen[-1], "BAD_PORT")


def fixed(lo, hi):
    return lo


class ResponderTest(unittest.TestCase):
    def setUp(self):
        self.r = Responder("motor-3", "127.0.0.1", 47000, (("v", 2), ("id", "5eed00c0ffee"), ("role", "motor")), fixed)
        self.out = []

    def _run_until(self, t):
        # steps 10 ms at a time from 0 to t; returns [(time, message, addr)]
        sent = []
        for now in range(0, t + 1, 10):
            self.out = []
            self.r.poll(now, self.out)
            for data, addr in self.out:
                sent.append((now, mdns.parse(data), addr))
        return sent

    def test_should_probe_three_times_then_announce_twice(self):
        self.r.start(0)
        sent = self._run_until(3000)
        times = [t for t, m, a in sent]
        self.assertEqual(times, [0, 250, 500, 750, 1750])
        for t, m, a in sent[:3]:
            self.assertFalse(m.is_response())
            self.assertEqual(m.questions[0][:2], (INST, ANY))
            self.assertEqual([r.rtype for r in m.authority], [SRV, TXT, A])
        for t, m, a in sent[3:]:
            self.assertTrue(m.is_response())
            self.assertEqual(len(m.answers), 4)
            self.assertIsNone(a)
        self.assertTrue(self.r.ready())

    def test_should_rename_on_conflict_while_probing(self):
        self.r.start(0)
        self._run_until(300)
        other = mdns.parse(mdns.build(announcement(port=41000)))
        self.r.on_message(other, ("127.0.0.1", 5353), 300, self.out)
        self.assertEqual(self.r.name, "motor-3-2")
        self.r.on_message(other, ("127.0.0.1", 5353), 310, self.out)
        self.assertEqual(self.r.name, "motor-3-2")
        other2 = mdns.parse(mdns.build(announcement("motor-3-2", port=41000)))
        self.r.on_message(other2, ("127.0.0.1", 5353), 320, self.out)
        self.assertEqual(self.r.name, "motor-3-3")

    def test_should_not_see_its_own_announcement_as_a_conflict(self):
        self.r.start(0)
        self._run_until(3000)
        own = mdns.parse(mdns.build(announcement()))
        own.answers[2].data = [b"v=2", b"id=5eed00c0ffee", b"role=motor"]
        self.r.on_message(own, ("127.0.0.1", 5353), 3000, self.out)
        self.assertEqual(self.r.name, "motor-3")

    def _ready(self):
        self.r.start(0)
        self._run_until(2000)

    def _query(self, qtype=PTR, name=SERVICE, qu=False, qid=0):
        m = Message(qid)
        m.questions = [(name, qtype, qu)]
        return mdns.parse(mdns.build(m))

    def test_should_answer_a_shared_question_after_a_random_delay(self):
        delays = []
        self.r._rand = lambda lo, hi: delays.append((lo, hi)) or hi
        self._ready()
        out = []
        self.r.on_message(self._query(), ("127.0.0.1", 5353), 5000, out)
        self.assertEqual(out, [])
        self.assertEqual(delays[-1], (20, 120))
        self.r.poll(5119, out)
        self.assertEqual(out, [])
        self.r.poll(5120, out)
        self.assertEqual(len(out), 1)
        m = mdns.parse(out[0][0])
        self.assertEqual(m.answers[0].data, INST)
        self.assertEqual(sorted(r.rtype for r in m.additional), [A, TXT, SRV])
        self.assertIsNone(out[0][1])

    def test_should_answer_a_legacy_query_by_unicast_with_short_ttls(self):
        self._ready()
        out = []
        self.r.on_message(self._query(qid=77), ("127.0.0.1", 40123), 5000, out)
        self.assertEqual(len(out), 1)
        data, addr = out[0]
        self.assertEqual(addr, ("127.0.0.1", 40123))
        m = mdns.parse(data)
        self.assertEqual(m.id, 77)
        self.assertEqual(m.questions, [(SERVICE, PTR, False)])
        self.assertTrue(all(r.ttl <= 10 and not r.flush for r in m.answers + m.additional))
        self.assertEqual(mdns.services(m)[0][:3], ("motor-3", "127.0.0.1", 47000))

    def test_should_answer_unique_and_qu_questions_at_once(self):
        self._ready()
        out = []
        self.r.on_message(self._query(SRV, INST), ("127.0.0.1", 5353), 5000, out)
        self.assertEqual(len(out), 1)
        self.assertIsNone(out[0][1])
        out = []
        self.r.on_message(self._query(PTR, SERVICE, True), ("127.0.0.1", 5353), 5000, out)
        self.assertEqual(out[0][1], ("127.0.0.1", 5353))

    def test_should_suppress_a_known_answer(self):
        self._ready()
        q = self._query()
        q.answers = [Record(SERVICE, PTR, 4500, INST)]
        out = []
        self.r.on_message(q, ("127.0.0.1", 5353), 5000, out)
        self.r.poll(6000, out)
        self.assertEqual(out, [])

    def test_should_ignore_other_questions_and_stay_quiet_while_probing(self):
        out = []
        self.r.start(0)
        self.r.on_message(self._query(), ("127.0.0.1", 5353), 10, out)
        self._ready()
        self.r.on_message(self._query(PTR, ("_http", "_tcp", "local")), ("127.0.0.1", 5353), 5000, out)
        self.assertEqual(out, [])

    def test_should_say_goodbye_with_ttl_zero(self):
        self.assertIsNone(self.r.goodbye())
        self._ready()
        m = mdns.parse(self.r.goodbye())
        self.assertEqual(len(m.answers), 4)
        self.assertTrue(all(r.ttl == 0 for r in m.answers))


class QuerierTest(unittest.TestCase):
    def test_should_back_off_from_one_to_thirty_seconds(self):
        q = Querier()
        times = []
        for now in range(0, 70001, 100):
            out = []
            q.poll(now, out)
            if out:
                times.append(now)
                m = mdns.parse(out[0][0])
                self.assertEqual(m.questions, [(SERVICE, PTR, False)])
        self.assertEqual(times, [0, 1000, 3000, 7000, 15000, 31000, 61000])


if __name__ == "__main__":
    unittest.main()
