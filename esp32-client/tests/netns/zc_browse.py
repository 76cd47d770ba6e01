# zc_browse IFACE_IP SECONDS [NAME ...]: lists _motormesh._udp.local. services with Debian's
# python-zeroconf (run it with /usr/bin/python3), one line per resolved service:
#   service NAME ADDRESS:PORT key=value ...
# then "all" when every NAME given was seen, or "timeout" after SECONDS; browser events
# (added/updated/removed FULLNAME) are printed as they come.
import sys
import time

from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

TYPE = "_motormesh._udp.local."
ip, seconds, expect = sys.argv[1], float(sys.argv[2]), set(sys.argv[3:])
seen = {}
pending = set()


def on_change(zeroconf, service_type, name, state_change):
    print("%s %s" % (state_change.name.lower(), name), flush=True)
    if state_change in (ServiceStateChange.Added, ServiceStateChange.Updated):
        pending.add(name)


zc = Zeroconf(interfaces=[ip], ip_version=IPVersion.V4Only)
browser = ServiceBrowser(zc, TYPE, handlers=[on_change])
print("browsing %s on %s" % (TYPE, ip), flush=True)
end = time.monotonic() + seconds
result = "timeout"
while time.monotonic() < end:
    for name in list(pending):
        info = zc.get_service_info(TYPE, name, timeout=1000)
        if info is None:
            continue
        pending.discard(name)
        instance = name[: -len(TYPE) - 1] if name.endswith("." + TYPE) else name
        addrs = info.parsed_addresses()
        txt = " ".join("%s=%s" % (k.decode(), (v or b"").decode()) for k, v in sorted(info.properties.items()))
        line = "service %s %s:%d %s" % (instance, addrs[0] if addrs else "-", info.port or 0, txt)
        if seen.get(instance) != line:
            seen[instance] = line
            print(line, flush=True)
    if expect and expect <= set(seen):
        result = "all"
        break
    time.sleep(0.05)
print("%s %d %s" % (result, len(seen), " ".join(sorted(seen))), flush=True)
browser.cancel()
zc.close()
