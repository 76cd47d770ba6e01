package org.motormesh.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes DNS-SD records on behalf of peers that cannot (a Smart Motor on stock firmware, whose own responder
 * holds UDP 5353 and cannot carry a service), as {@code avahi-publish -s -H} does: laptops' browsers (JmDNS,
 * Avahi, Bonjour, python-zeroconf) then see every node as {@code _motormesh._udp}. It answers questions for the
 * service type, a proxied instance or its host name from port 5353, announces a service twice when it is added
 * and says goodbye (TTL 0) when it is removed. Bounded; answers to one name at most once a second. Runs on its
 * own daemon thread; {@link #add} and {@link #remove} are safe from any thread.
 */
public final class DnssdProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnssdProxy.class);
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);
    private static final int MAX_SERVICES = 256;
    private static final int POLL_MS = 100;
    private static final long SECOND_ANNOUNCE_MS = 1000;
    private static final long MIN_ANSWER_GAP_MS = 1000;

    private final Inet4Address address;
    private final String serviceType;
    private final Map<String, DnsRecords.Service> services = new ConcurrentHashMap<>();
    private final Map<String, Long> pendingAnnounce = new ConcurrentHashMap<>();
    private final List<DnsRecords.Service> pendingGoodbye = new ArrayList<>();
    private final Map<String, Long> lastAnswerMs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public DnssdProxy(Inet4Address address, String serviceType) {
        this.address = address;
        this.serviceType = serviceType.endsWith(".") ? serviceType.substring(0, serviceType.length() - 1)
                : serviceType;
        this.thread = new Thread(this::run, "dnssd-proxy");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Publishes (or refreshes) the records of a peer that has no responder of its own. */
    public void add(String instance, Inet4Address host, int port, Map<String, String> txt) {
        if (services.size() >= MAX_SERVICES && !services.containsKey(instance)) {
            return;
        }
        DnsRecords.Service service = new DnsRecords.Service(instance, host, port, Map.copyOf(txt));
        if (!service.equals(services.put(instance, service))) {
            pendingAnnounce.put(instance, 0L);
        }
    }

    /** Withdraws a peer's records (it was lost or said Bye). */
    public void remove(String instance) {
        DnsRecords.Service gone = services.remove(instance);
        pendingAnnounce.remove(instance);
        if (gone != null) {
            synchronized (pendingGoodbye) {
                pendingGoodbye.add(gone);
            }
        }
    }

    /** The instances published now. */
    public List<String> instances() {
        return List.copyOf(services.keySet());
    }

    private void run() {
        try (MulticastSocket socket = new MulticastSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(GROUP.getPort()));
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            socket.setNetworkInterface(nif);
            socket.setTimeToLive(255);
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.joinGroup(GROUP, nif);
            socket.setSoTimeout(POLL_MS);
            byte[] buffer = new byte[9000];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (!closed) {
                sendDue(socket, System.currentTimeMillis());
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException idle) {
                    continue;
                }
                answer(socket, buffer, packet.getLength(), System.currentTimeMillis());
            }
            sendGoodbyes(socket, new ArrayList<>(services.values()));
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.warn("DNS-SD proxy for boards stopped on {}: {}", address.getHostAddress(), e.toString());
            }
        }
    }

    private void sendDue(MulticastSocket socket, long nowMs) throws IOException {
        List<DnsRecords.Service> due = new ArrayList<>();
        for (Map.Entry<String, Long> entry : pendingAnnounce.entrySet()) {
            long stage = entry.getValue();
            DnsRecords.Service service = services.get(entry.getKey());
            if (service == null) {
                pendingAnnounce.remove(entry.getKey());
            } else if (stage == 0) {
                due.add(service);
                entry.setValue(nowMs + SECOND_ANNOUNCE_MS);
            } else if (nowMs >= stage) {
                due.add(service);
                pendingAnnounce.remove(entry.getKey());
            }
        }
        send(socket, due, false);
        List<DnsRecords.Service> goodbyes;
        synchronized (pendingGoodbye) {
            goodbyes = new ArrayList<>(pendingGoodbye);
            pendingGoodbye.clear();
        }
        sendGoodbyes(socket, goodbyes);
    }

    private void sendGoodbyes(MulticastSocket socket, List<DnsRecords.Service> gone) throws IOException {
        send(socket, gone, true);
    }

    private void answer(MulticastSocket socket, byte[] packet, int length, long nowMs) throws IOException {
        List<DnsQuestions.Question> questions = DnsQuestions.read(packet, length);
        if (questions.isEmpty() || services.isEmpty()) {
            return;
        }
        String type = serviceType.toLowerCase(Locale.ROOT);
        List<DnsRecords.Service> matched = new ArrayList<>();
        for (DnsQuestions.Question question : questions) {
            String name = question.name().toLowerCase(Locale.ROOT);
            for (DnsRecords.Service service : services.values()) {
                String instance = service.instance().toLowerCase(Locale.ROOT);
                boolean hit = name.equals(type)
                        || name.equals(DnsRecords.instanceName(type, instance))
                        || name.equals(DnsRecords.hostName(instance));
                if (hit && !matched.contains(service) && allowed(service.instance(), nowMs)) {
                    matched.add(service);
                }
            }
        }
        send(socket, matched, false);
    }

    private boolean allowed(String instance, long nowMs) {
        Long last = lastAnswerMs.get(instance);
        if (last != null && nowMs - last < MIN_ANSWER_GAP_MS) {
            return false;
        }
        if (lastAnswerMs.size() > 2 * MAX_SERVICES) {
            lastAnswerMs.clear();
        }
        lastAnswerMs.put(instance, nowMs);
        return true;
    }

    private void send(MulticastSocket socket, List<DnsRecords.Service> list, boolean goodbye) throws IOException {
        if (list.isEmpty()) {
            return;
        }
        for (byte[] response : DnsRecords.responses(serviceType, list, goodbye)) {
            socket.send(new DatagramPacket(response, response.length, GROUP.getAddress(), GROUP.getPort()));
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(POLL_MS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
