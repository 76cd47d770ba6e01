# The fault suite (issue 11): each failure in its own namespaces, with real processes.
#  - a bad link: relay.py (a userspace impairment relay; this kernel has no netem) drops 20 %,
#    duplicates 10 %, reorders 10 % and delays 2-5 ms of the datagrams between two Java nodes,
#    and between a Java publisher and a MicroPython node: QoS 1 arrives exactly once, QoS 0
#    never goes backwards and ends on the last value;
#  - bridge failover (issue 11.1): two real bridge processes on a real channel server; the
#    active one is SIGKILLed mid-stream, then comes back (higher-ranked) while the other is
#    healthy: acknowledged QoS 1 values reach the channel once, in order, but for the killed
#    bridge's last moments, and the returning bridge waits as standby (before: 17-18 lost at
#    the kill, 36-39 at the return); an expected failure shows the values still lost when the
#    killed bridge's link was backed up (the TakenNotice goes out too early);
#  - the down-direction brake (issue 11.7): a hostile page posts as fast as it can on the
#    channel; the mesh gets at most the bridge's per-client rate, the rest is counted
#    (before: 26,421 messages into the mesh in 10 s);
#  - a cut link heals: the relay drops everything for 3 s; fresh values flow again within 2 s;
#  - a hostile flood: random bytes, junk after a valid header and Hellos from made-up ids at
#    full speed into a Java node, which then still delivers QoS 1 100/100.
# Prints the measured figures (python3 -m tests.netns lists them at the end).
import os
import signal
import time
import unittest

from . import harness
from .base import NetnsCase
from .nodes import MESH_PORT, ChannelServer, JavaBridge, JavaTool, MpyNode, Relay, micropython_missing

ISOLATED = ["--scout-port", "0", "--no-mdns"]  # meet only through the relay
SERIES = 300
EVERY_MS = 10
MPY_EVERY_MS = 20  # 50 msgs/s: the rate at which the board client's duplicate filter once failed (issue 11.6)
BAD = dict(loss=0.2, dup=0.1, reorder=0.1, delay=2, jitter=3)
HEAP_LIMIT = 48 << 20  # used heap after a GC once the flood is over (-Xmx192m; 4.8 MB measured in issue 11)
DOWN_RATE = 50  # the bridge's default --down-rate (per client and topic); per client it is 4x that
KILL_WINDOW = 10  # values at 100/s the killed bridge delivered in its last moments (see the failover test)


def _ints(values):
    return [int(v) for v in values if v.lstrip("-").isdigit()]


def _exactly_once(values, n):
    # (lost, duplicated) of the values 0..n-1
    distinct = set(values)
    return n - len(distinct & set(range(n))), len(values) - len(distinct)


def _backwards(values):
    return sum(1 for x, y in zip(values, values[1:]) if y <= x)


class FaultsTest(NetnsCase):
    needs = ("java",)

    def _pair_through_relay(self, net, rx_lang, publish_flags, every_ms=EVERY_MS):
        # rx in b; the publisher in a knows only the relay (in r) as its seed, and neither scouts
        if rx_lang == "java":
            rx = JavaTool.start(net, "b", "rx", sub="/f/", extra=ISOLATED)
        else:
            self.require(micropython_missing())
            rx = MpyNode.start(net, "b", "rx", "node", mdns="off", hold_5353=False, extra=["--scout-port", "0"])
            rx.proc.send("sub /f/")
        relay = Relay(net, "r", "%s:%d" % (net.ip("b"), MESH_PORT))
        pub = JavaTool.start(net, "a", "pub", peers=[relay.addr], publish="/f/series", every_ms=every_ms,
                             extra=ISOLATED + ["--paused"] + publish_flags)
        met = pub.joined("rx", 20) and rx.joined("pub", 20)
        self.assertTrue(met, "the pair did not meet through the relay" + self.logs(pub, rx, relay.proc))
        return pub, rx, relay

    def _bad_link(self, rx_lang, every_ms):
        net = self.network(["a", "b", "r"])
        pub, rx, relay = self._pair_through_relay(net, rx_lang, ["--qos", "1", "--series", str(SERIES)], every_ms)
        time.sleep(0.5)  # the receiver's subscription reaches the publisher
        relay.set(**BAD)
        latest = harness.Ticker(every_ms / 1000.0, lambda i: i < SERIES and pub.pub("/f/latest", i))
        self.addCleanup(latest.stop)
        pub.resume()
        done = pub.proc.wait_for(lambda l: l.startswith("done "), 30 + SERIES * every_ms / 1000.0)
        last = rx.message(15, topic="/f/latest", value=lambda v: v == str(SERIES - 1))
        latest.stop()
        time.sleep(0.5)  # a retransmission still on its way
        stats = relay.stats()
        got = rx.messages()
        acked = _ints([m[3] for m in got if m[2] == "/f/series"])
        newest = _ints([m[3] for m in got if m[2] == "/f/latest"])
        lost, dup = _exactly_once(acked, SERIES)
        backwards = _backwards(newest)
        pair = "Java -> %s, %d msgs/s" % ("Java" if rx_lang == "java" else "MicroPython", 1000 // every_ms)
        harness.figure("bad link (20%% loss, 10%% dup, 10%% reorder, 2-5 ms), %s: QoS 1 delivered/dup/lost of %d"
                       % (pair, SERIES), "%d / %d / %d" % (len(set(acked)), dup, lost))
        harness.figure("bad link, %s: QoS 0 delivered of %d, went backwards, ended on the last" % (pair, SERIES),
                       "%d, %d, %s" % (len(newest), backwards, bool(last)))
        self.assertTrue(stats.get("dropped") and stats.get("duplicated") and stats.get("reordered"),
                        "the link was not bad: %s" % stats)
        self.assertTrue(done and done[1].endswith("unacked 0"), "QoS 1 sends not all acknowledged: %s" % (done,)
                        + self.logs(pub, rx))
        self.assertEqual((0, 0), (lost, dup), "QoS 1 lost / duplicated" + self.logs(rx))
        self.assertEqual(0, backwards, "QoS 0 went backwards: %s" % newest)
        self.assertTrue(last, "QoS 0 did not end on the last value" + self.logs(rx))

    def test_should_deliver_qos1_exactly_once_and_qos0_never_backwards_over_a_bad_link(self):
        self._bad_link("java", EVERY_MS)

    def test_should_deliver_qos1_exactly_once_and_qos0_never_backwards_from_java_to_micropython_over_a_bad_link(self):
        self._bad_link("mpy", MPY_EVERY_MS)

    def test_should_heal_within_2_s_after_the_relay_cuts_the_link_for_3_s(self):
        net = self.network(["a", "b", "r"])
        pub, rx, relay = self._pair_through_relay(net, "java", [])
        pub.resume()
        self.assertTrue(rx.message(5, topic="/f/series"), "no values before the cut" + self.logs(pub, rx))
        relay.set(loss=1)
        time.sleep(0.1)
        out_cut = relay.stats().get("out")
        time.sleep(2.9)
        out_back = relay.stats().get("out")  # the relay's own count: line times lag on a loaded machine
        t_back = time.monotonic()  # before the relay is told
        relay.set(loss=0)
        pub.band(90)  # values of 90 and more were published after the link came back
        got = rx.message(7, since=t_back, topic="/f/series", value=lambda v: v.isdigit() and int(v) >= 90)
        self.assertEqual(out_cut, out_back, "datagrams crossed the cut link" + self.logs(rx, relay.proc))
        self.assertTrue(got, "no fresh value within 7 s of the heal" + self.logs(pub, rx, relay.proc))
        harness.figure("heal after a 3 s relay cut, Java -> Java (s)", "%.3f" % (got[0] - t_back))
        self.assertLessEqual(got[0] - t_back, 2.0, self.logs(pub, rx))

    def _bridge_pair(self, net):
        # a channel server in d, a QoS 1 publisher in a (paused), bridge-1 (priority 10, active) in b and
        # bridge-2 (priority 5, standby) in c, both known to the publisher as subscribers
        channel = ChannelServer(net, "d")
        pub = JavaTool.start(net, "a", "pub", publish="/f/acked", every_ms=EVERY_MS,
                             extra=["--no-mdns", "--paused", "--qos", "1", "--series", "100000"])
        first = JavaBridge.start(net, "b", "bridge-1", channel.url, 10, peers=[pub.addr])
        second = JavaBridge.start(net, "c", "bridge-2", channel.url, 5, peers=[pub.addr])
        self.assertTrue(first.role("active", 20) and second.role("standby", 20),
                        "no active/standby pair" + self.logs(first, second))
        self.assertTrue(pub.subscribers("/f/acked", 2, 15), "the publisher does not know both bridges' subscriptions"
                        + self.logs(pub))
        return channel, pub, first, second

    def _upstream(self, channel, pub):
        # ends the series; (values sent, arrivals on the channel as (time, client, value text))
        pub.proc.send("end")
        done = pub.proc.wait_for(lambda l: l.startswith("done "), 30)
        self.assertTrue(done, "the series did not end" + self.logs(pub))
        self.assertTrue(done[1].endswith("unacked 0"), "sends not all acknowledged: %s" % (done,))
        total = int(done[1].split()[1])
        end = time.monotonic() + 10
        while time.monotonic() < end and str(total - 1) not in [v for _, _, v in channel.values("/f/acked")]:
            time.sleep(0.1)
        time.sleep(0.5)
        return total, channel.values("/f/acked")

    def test_should_fail_over_and_take_a_returning_bridge_back_without_losing_or_repeating_an_acked_value(self):
        # issue 11.1: the active bridge is SIGKILLed mid-stream, the standby takes over; then the killed,
        # higher-ranked bridge comes back while values flow and must wait as standby
        net = self.network(["a", "b", "c", "d"])
        channel, pub, first, second = self._bridge_pair(net)
        pub.resume()
        self.assertTrue(pub.proc.wait_for("published /f/acked 100 ", 20), self.logs(pub))
        t_kill = first.kill()
        t_active = second.role("active", 10, since=t_kill)
        self.assertTrue(t_active, "the standby did not take over" + self.logs(second))
        # the newest value published before the kill (lines are timed when read: allow for a loaded machine)
        n_kill = max(_ints([v for t, _, v in pub.published() if t <= t_kill + 0.5]))
        # the higher-ranked bridge comes back (same name, same priority) while values flow
        time.sleep(0.5)
        back = JavaBridge.start(net, "b", "bridge-1", channel.url, 10, peers=[pub.addr])
        t_back = back.proc.started
        standby = back.role("standby", 20)
        rejoined = pub.joined("bridge-1", 10, since=t_back)
        time.sleep(1.5)  # values flow with both bridges up: the moment the old election lost 36-39
        n_back = len(pub.published(since=t_back))
        total, arrivals = self._upstream(channel, pub)
        upstream = _ints([v for _, _, v in arrivals])
        lost, dup = _exactly_once(upstream, total)
        missing = sorted(set(range(total)) - set(upstream))
        repeated = sorted({v for v in upstream if upstream.count(v) > 1})
        # the kill's boundary: the last value the killed bridge's link delivered to the channel
        killed_link = {c for t, c, _ in arrivals if t < t_kill}
        boundary = max(_ints([v for t, c, v in arrivals if c == arrivals[0][1]]) or [0]) if arrivals else 0
        senders_after = {c for t, c, _ in arrivals if t > t_active + 0.5}
        harness.figure("bridge SIGKILL failover + return of the higher-ranked bridge (processes, netns): "
                       "QoS 1 lost / duplicated of %d" % total,
                       "%d / %d %s %s" % (lost, dup, missing or "", repeated or ""))
        harness.figure("bridge SIGKILL failover: the killed bridge was behind the publisher by (values)",
                       "%d" % (max(_ints([v for t, _, v in pub.published() if t <= t_kill]) or [0]) - boundary))
        harness.figure("bridge SIGKILL failover: standby active after (s)", "%.3f" % (t_active - t_kill))
        # for a failure: who sent what around a lost or repeated value, and the server's drops
        odd = set(missing) | set(repeated)
        near = [(round(t - t_kill, 3), c, v) for t, c, v in arrivals if v.isdigit() and any(
            abs(int(v) - o) <= 3 for o in odd)]
        why = ("\nkill boundary %d; arrivals near (s from the kill, client, value): %s\nchannel server (peak, drops): "
               "%s" % (boundary, near[:60], channel.status()) + self.logs(first, second, back))
        self.assertTrue(standby and rejoined, "the returning bridge did not rejoin as standby"
                        + self.logs(back, second, pub))
        self.assertGreater(n_back, 50, "values did not flow while the returning bridge was up")
        self.assertFalse(second.role("standby", 0, since=t_active) or back.role("active", 0),
                         "the healthy bridge stepped aside for the returning one" + why)
        self.assertEqual(1, len(killed_link), "more than one bridge link before the kill" + why)
        # Lost: only values the killed bridge had taken but not yet delivered (after the boundary, published
        # before the kill). That they are lost at all is the bug the next test shows for certain (expected to
        # fail); once it is fixed, at most the one value in the killed socket may go: tighten this to lost <= 1.
        for v in missing:
            self.assertTrue(boundary < v <= n_kill, "lost %d, not in the killed bridge's queue" % v + why)
        self.assertEqual(len(missing), (max(missing) - min(missing) + 1) if missing else 0,
                         "lost values not one run at the kill" + why)
        # at least once at the kill: the values the killed bridge delivered in its last moments, whose
        # TakenNotice was still on its way to the standby, go again when the standby takes over (the channel
        # cannot tell); 0-8 seen at 100 values/s on this loaded machine. Any other repeat fails.
        self.assertLessEqual(dup, KILL_WINDOW, "duplicated upstream: %s" % repeated + why)
        for v in repeated:
            self.assertTrue(boundary - KILL_WINDOW < v <= boundary, "duplicated %d, away from the kill" % v + why)
        self.assertEqual(0, _backwards([v for v in upstream if v not in repeated]), "out of order upstream" + why)
        peak = channel.status()
        self.assertTrue(peak and peak[0] <= 2, "two bridge links at once (the tap is the other client): %s" % (peak,))
        self.assertEqual(1, len(senders_after), "more than one bridge link on the channel after the takeover: %s"
                         % senders_after)

    def test_should_not_lose_acked_values_queued_on_a_killed_bridges_link(self):
        # Found by this suite: with the channel server stopped (SIGSTOP) for 1.5 s, ~150 frames the bridge had
        # written waited in the server host's buffers and never reached the channel after the bridge was killed,
        # while the standby, told they were taken, had dropped its copies. Where the channel echoes our frames
        # the bridge now counts a frame delivered only when its echo is back (bridge.EchoConfirmations).
        net = self.network(["a", "b", "c", "d"])
        channel, pub, first, second = self._bridge_pair(net)
        pub.resume()
        self.assertTrue(pub.proc.wait_for("published /f/acked 50 ", 20), self.logs(pub))
        os.kill(channel.server.pid, signal.SIGSTOP)
        try:
            time.sleep(1.5)
            t_kill = first.kill()
        finally:
            os.kill(channel.server.pid, signal.SIGCONT)
        t_active = second.role("active", 15, since=t_kill)
        self.assertTrue(t_active, "the standby did not take over" + self.logs(second))
        time.sleep(1.0)
        total, arrivals = self._upstream(channel, pub)
        lost, dup = _exactly_once(_ints([v for _, _, v in arrivals]), total)
        missing = sorted(set(range(total)) - set(_ints([v for _, _, v in arrivals])))
        harness.figure("bridge SIGKILL while the channel is stalled 1.5 s: QoS 1 lost / duplicated of %d" % total,
                       "%d / %d (%s)" % (lost, dup, "%d..%d" % (missing[0], missing[-1]) if missing else "none"))
        self.assertLessEqual(lost, 1, "acknowledged values lost: %s" % missing + self.logs(first, second))

    def test_should_brake_a_hostile_page_on_the_way_down(self):
        # issue 11.7: a page posts on 8 topics as fast as it can; the mesh gets at most the bridge's
        # per-client rate (4 x --down-rate a second, bursts of as many), the rest is counted
        net = self.network(["a", "b", "d"])
        channel = ChannelServer(net, "d")
        rx = JavaTool.start(net, "a", "rx", sub="/flood/", extra=["--no-mdns"])
        bridge = JavaBridge.start(net, "b", "bridge", channel.url, 10, peers=[rx.addr],
                                  extra=["--down-rate", str(DOWN_RATE)])
        self.assertTrue(bridge.role("active", 20), "the bridge did not go active" + self.logs(bridge))
        self.assertTrue(rx.joined("bridge", 10), self.logs(bridge, rx))
        time.sleep(1.0)  # the receiver's subscription reaches the bridge
        t0 = time.monotonic()
        posts, seconds = channel.hostile_page(8, 200000, 3.0)
        t_end = time.monotonic()
        braked, last = 0, (-1, -1)
        while time.monotonic() < t_end + 10:  # until the bridge has worked through its backlog
            time.sleep(1.2)
            got = len([m for m in rx.messages(since=t0) if (m[2] or "").startswith("/flood/")])
            status = bridge.proc.matching(lambda l: "rate_limited=" in l, since=t0)
            braked = int(status[-1][1].split("rate_limited=")[1].split()[0]) if status else 0
            if (got, braked) == last:
                break
            last = (got, braked)
        took = time.monotonic() - t0
        slow = (channel.status() or (0, {}))[1].get("slow_client", 0)
        limit = 4 * DOWN_RATE * (1 + took) + 5
        harness.figure("hostile page on the channel (8 topics, --down-rate %d): posts in s, reached the mesh in s, "
                       "counted rate_limited by the bridge, slow_client at the server" % DOWN_RATE,
                       "%d in %.2f s, %d in %.1f s, %d, %d" % (posts, seconds, got, took, braked, slow))
        self.assertGreater(posts, 1000, "the page did not flood")
        self.assertGreater(got, 0, "nothing came down: the brake is a rate, not a wall" + self.logs(bridge, rx))
        self.assertLessEqual(got, limit, "the brake did not hold" + self.logs(bridge))
        self.assertGreater(braked, 0, "the brake counted nothing" + self.logs(bridge))

    def test_should_survive_a_hostile_flood_and_still_deliver_qos1(self):
        net = self.network(["a", "b", "f"])
        rx = JavaTool.start(net, "a", "rx", sub="/f/", extra=["--no-mdns"])
        pub = JavaTool.start(net, "b", "pub", peers=[rx.addr], publish="/f/acked", every_ms=EVERY_MS,
                             extra=["--no-mdns", "--paused", "--qos", "1", "--series", "100"])
        self.assertTrue(pub.joined("rx", 20) and rx.joined("pub", 20), self.logs(pub, rx))
        flood = net.run("f", ["python3", harness.os.path.join(harness.os.path.dirname(__file__), "flood.py"),
                              net.ip("a"), str(MESH_PORT), "3", "400000"], "flood")
        line = flood.wait_for(lambda l: l.startswith("flood "), 30)
        self.assertTrue(line, "the flooder did not finish" + self.logs(flood))
        f = {k: float(v) for k, v in (w.split("=") for w in line[1].split()[1:])}
        self.assertTrue(rx.proc.alive(), "the node died under the flood" + self.logs(rx))
        since = time.monotonic()
        rx.proc.send("heap")
        heap = rx.proc.wait_for(lambda l: l.startswith("heap "), 10, since)
        pub.resume()
        done = pub.proc.wait_for(lambda l: l.startswith("done "), 30)
        time.sleep(0.3)
        acked = _ints([m[3] for m in rx.messages(since=since) if m[2] == "/f/acked"])
        lost, dup = _exactly_once(acked, 100)
        harness.figure("hostile flood into a Java node: datagrams/s for 3 s, replies bytes/bytes in",
                       "%d, %.3f" % (f["rate"], f["reply_bytes"] / max(1.0, f["bytes"])))
        harness.figure("hostile flood: heap after (MB), QoS 1 delivered after of 100",
                       "%.1f, %d" % (int(heap[1].split()[1]) / 1e6 if heap else -1, len(set(acked))))
        self.assertGreater(f["sent"], 10000, "the flood was not a flood: %s" % f)
        self.assertTrue(heap, "the node did not answer after the flood" + self.logs(rx))
        self.assertLess(int(heap[1].split()[1]), HEAP_LIMIT, "the heap did not come back down after the flood")
        self.assertTrue(done and done[1].endswith("unacked 0"), "sends not all acknowledged: %s" % (done,))
        self.assertEqual((0, 0), (lost, dup), "QoS 1 after the flood: lost / duplicated" + self.logs(rx))
