package org.motormesh.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/** Plain JmDNS on loopback, timed: the baseline the discovery benchmark sets the mesh's discovery against. */
public final class JmdnsProbe {
    private static final String PLAIN_TYPE = "_mmbench._udp.local.";

    private JmdnsProbe() {
    }

    /** Milliseconds from registerService until each of {@code browsers} JmDNS instances resolved the service. */
    public static long[] registrationToResolution(int browsers, int trials, String runId, long betweenTrialsMs,
            long trialTimeoutS) throws IOException, InterruptedException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Map<String, CountDownLatch> resolved = new ConcurrentHashMap<>();
        List<JmDNS> instances = new ArrayList<>();
        try {
            for (int i = 0; i < browsers; i++) {
                JmDNS browser = JmDNS.create(lo, "bench-browser-" + i + "-" + runId);
                instances.add(browser);
                browser.addServiceListener(PLAIN_TYPE, new Resolved(resolved));
            }
            JmDNS registrar = JmDNS.create(lo, "bench-registrar-" + runId);
            instances.add(registrar);
            Thread.sleep(500);
            long[] result = new long[trials];
            for (int t = 0; t < trials; t++) {
                String name = "bench-svc-" + t + "-" + runId;
                CountDownLatch latch = new CountDownLatch(browsers);
                resolved.put(name, latch);
                ServiceInfo info = ServiceInfo.create(PLAIN_TYPE, name, 40000 + t, "v=1");
                long t0 = System.nanoTime();
                Thread register = new Thread(() -> {
                    try {
                        registrar.registerService(info);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-register");
                register.start();
                if (!latch.await(trialTimeoutS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("JmDNS browsers did not resolve within " + trialTimeoutS + " s");
                }
                result[t] = (System.nanoTime() - t0) / 1_000_000;
                register.join();
                registrar.unregisterService(info);
                Thread.sleep(betweenTrialsMs);
            }
            return result;
        } finally {
            for (JmDNS dns : instances) {
                Thread closer = new Thread(() -> {
                    try {
                        dns.close();
                    } catch (IOException ignored) {
                        // closing in the background; nothing to recover
                    }
                });
                closer.setDaemon(true);
                closer.start();
            }
        }
    }

    /** Counts each browser's first resolution of a service name. */
    private static final class Resolved implements ServiceListener {
        private final Map<String, CountDownLatch> latches;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        Resolved(Map<String, CountDownLatch> latches) {
            this.latches = latches;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1);
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            // not measured
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            CountDownLatch latch = latches.get(event.getName());
            if (latch != null && seen.add(event.getName())) {
                latch.countDown();
            }
        }
    }
}
