package org.motormesh.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import javax.jmdns.impl.JmDNSImpl;
import org.motormesh.mesh.TokenBucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertises this node as {@code _motormesh._udp.local.} and reports every peer service found, using JmDNS bound
 * to one explicit IPv4 address. Works around JmDNS's traps: it never runs on the caller's thread (create and
 * register block), it re-queries with back-off (JmDNS can miss answers), and close never blocks shutdown. Peers
 * that are still probing are heard directly by a {@link ProbeListener}, so nodes starting together meet at once.
 * What it reports is rate-limited by a {@link DiscoveryGate}; the mesh engine then takes only addresses on its subnet.
 */
public final class MdnsDiscovery implements AutoCloseable {
    public static final String SERVICE_TYPE = "_motormesh._udp.local.";
    private static final Logger LOG = LoggerFactory.getLogger(MdnsDiscovery.class);
    private static final long FIRST_REQUERY_MS = 500;
    private static final long MAX_REQUERY_MS = 30_000;
    private static final long CLOSE_WAIT_MS = 300;
    /**
     * JmDNS caches every record it hears and remembers every service it was told of, with no bound: past this many
     * names its cache and those memories are emptied (counted; they refill from live answers).
     */
    public static final int MAX_CACHED_NAMES = 2048;
    /** How often the cache's size is checked. */
    private static final long GUARD_MS = 500;
    /** Services JmDNS is asked to resolve (each is a timed query task in JmDNS): 20 a second, bursts of 40. */
    private static final int RESOLVES_PER_S = 20;
    private static final int RESOLVE_BURST = 40;
    /** Once per process: the demo runs several nodes on one interface. */
    private static final AtomicBoolean WARNED_NO_MULTICAST = new AtomicBoolean();

    /** Receives peers as they are found; called on JmDNS's or the discovery thread. */
    @FunctionalInterface
    public interface Listener {
        void onServiceFound(String instanceName, InetSocketAddress address, Map<String, String> txt);
    }

    private final Inet4Address address;
    private final Listener listener;
    private final DiscoveryGate gate = new DiscoveryGate(() -> System.nanoTime() / 1_000_000);
    private final Thread worker;
    private final ProbeListener probes;
    private volatile JmDNS jmdns;
    private volatile boolean closed;
    private final TokenBucket resolves = new TokenBucket(RESOLVE_BURST, RESOLVES_PER_S, System.nanoTime());
    private final LongAdder resolvesRefused = new LongAdder();
    private final LongAdder cacheCleared = new LongAdder();
    private volatile Browser browser;

    public MdnsDiscovery(Inet4Address address, String instanceName, int port, Map<String, String> txt,
                         Listener listener) {
        this.address = address;
        this.listener = (instance, at, found) -> {
            if (gate.pass(instance, at)) {
                listener.onServiceFound(instance, at, found);
            }
        };
        this.worker = new Thread(() -> run(instanceName, port, txt), "mdns-" + instanceName);
        this.worker.setDaemon(true);
        this.probes = new ProbeListener(address, SERVICE_TYPE, (instance, at) -> {
            if (!instance.equals(instanceName)) {
                this.listener.onServiceFound(instance, at, Map.of());
            }
        });
    }

    /** Starts in the background; returns at once. Warns when the interface cannot do multicast at all. */
    public void start() {
        warnIfNoMulticast();
        probes.start();
        worker.start();
    }

    private void warnIfNoMulticast() {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            if (nif != null && !nif.supportsMulticast() && WARNED_NO_MULTICAST.compareAndSet(false, true)) {
                LOG.warn("multicast is off on {} ({}): mDNS cannot find peers there, only --peer HOST:PORT will. "
                        + "On Linux: sudo ip link set {} multicast on", nif.getName(), address.getHostAddress(),
                        nif.getName());
            }
        } catch (SocketException e) {
            LOG.debug("cannot check multicast on {}: {}", address.getHostAddress(), e.toString());
        }
    }

    private void run(String instanceName, int port, Map<String, String> txt) {
        try {
            JmDNS dns = JmDNS.create(address, instanceName);
            jmdns = dns;
            if (closed) {
                closeQuietly(dns);
                return;
            }
            browser = new Browser();
            dns.addServiceListener(SERVICE_TYPE, browser);
            MdnsQuery.send(address, SERVICE_TYPE);
            dns.registerService(ServiceInfo.create(SERVICE_TYPE, instanceName, port, 0, 0, txt));
            requeryAndGuard(dns);
        } catch (IOException e) {
            LOG.warn("mDNS unavailable on {} ({}); seed peers (--peer) still work", address.getHostAddress(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("mDNS stopped: {}", e.toString());
            }
        }
    }

    /** Lists the service type again with back-off (JmDNS can miss answers), and keeps JmDNS's memory bounded. */
    private void requeryAndGuard(JmDNS dns) throws InterruptedException {
        long delay = FIRST_REQUERY_MS;
        long nextListMs = System.nanoTime() / 1_000_000 + delay;
        while (!closed) {
            TimeUnit.MILLISECONDS.sleep(GUARD_MS);
            if (closed) {
                return;
            }
            guardCache(dns);
            if (System.nanoTime() / 1_000_000 >= nextListMs) {
                for (ServiceInfo info : dns.list(SERVICE_TYPE, 200)) {
                    report(info);
                }
                delay = Math.min(MAX_REQUERY_MS, delay * 2);
                nextListMs = System.nanoTime() / 1_000_000 + delay;
            }
        }
    }

    /**
     * Past {@link #MAX_CACHED_NAMES} names (a flood of made-up instances), empties JmDNS's record cache, its list
     * collector and our browser's memory of added services. Peers already met stay in the mesh; live ones are heard
     * again at their next announcement or our next query.
     */
    private void guardCache(JmDNS dns) {
        if (!(dns instanceof JmDNSImpl impl)) {
            return;
        }
        int names = Math.max(impl.getCache().size(), browser.added.get());
        if (names <= MAX_CACHED_NAMES) {
            return;
        }
        impl.getCache().clear();
        impl.renewServiceCollector(SERVICE_TYPE);
        Browser old = browser;
        browser = new Browser();
        dns.removeServiceListener(SERVICE_TYPE, old);
        dns.addServiceListener(SERVICE_TYPE, browser);
        cacheCleared.increment();
        LOG.warn("mDNS: {} names heard (more than {}): a flood of made-up services? Forgot them; "
                + "{} resolutions refused so far", names, MAX_CACHED_NAMES, resolvesRefused.sum());
    }

    private void report(ServiceInfo info) {
        Inet4Address[] hosts = info.getInet4Addresses();
        if (hosts.length == 0 || info.getPort() <= 0) {
            return;
        }
        Map<String, String> txt = new java.util.HashMap<>();
        for (var names = info.getPropertyNames(); names.hasMoreElements(); ) {
            String key = names.nextElement();
            txt.put(key, info.getPropertyString(key));
        }
        listener.onServiceFound(info.getName(), new InetSocketAddress(hosts[0], info.getPort()), txt);
    }

    /** Names in JmDNS's record cache now (0 before it started). */
    public int cachedNames() {
        return jmdns instanceof JmDNSImpl impl ? impl.getCache().size() : 0;
    }

    /** Times JmDNS's cache was emptied for holding more than {@link #MAX_CACHED_NAMES} names. */
    public long cacheCleared() {
        return cacheCleared.sum();
    }

    /** Services found without their records whose resolution was refused by the rate limit. */
    public long resolvesRefused() {
        return resolvesRefused.sum();
    }

    /** Discovery reports refused by the rate limit (repeats and over-rate), since start. */
    public long refused() {
        return gate.refused();
    }

    /** Stops browsing and advertising; the goodbye is sent in the background, waited for only briefly. */
    @Override
    public void close() {
        closed = true;
        probes.close();
        worker.interrupt();
        JmDNS dns = jmdns;
        if (dns == null) {
            return;
        }
        Thread closer = new Thread(() -> closeQuietly(dns), "mdns-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(JmDNS dns) {
        try {
            dns.unregisterAllServices();
            dns.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("mDNS close: {}", e.toString());
        }
    }

    private boolean takeResolve() {
        synchronized (resolves) {
            return resolves.tryTake(System.nanoTime());
        }
    }

    /** Resolves services as they appear (at a bounded rate) and reports them. */
    private final class Browser implements ServiceListener {
        /** Services JmDNS told this browser of: each also stays in JmDNS's listener and list memories. */
        final java.util.concurrent.atomic.AtomicInteger added = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void serviceAdded(ServiceEvent event) {
            added.incrementAndGet();
            ServiceInfo info = event.getInfo();
            if (info != null && info.hasData()) {
                report(info);
            } else if (takeResolve()) {
                event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1);
            } else {
                resolvesRefused.increment();
            }
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            // Leases decide liveness; a goodbye alone does not remove a peer that still talks.
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            report(event.getInfo());
        }
    }
}
