package org.motormesh.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately misbehaving ws:// server on 127.0.0.1 for tests: completes the handshake, then writes
 * whatever raw frames the script gives for the n-th connection (one read each: a client drops the frames
 * that share a read with a frame it refuses), and never answers pings.
 */
public final class RawWsServer implements AutoCloseable {
    private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key:\\s*(\\S+)", Pattern.CASE_INSENSITIVE);
    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();

    public RawWsServer(IntFunction<List<byte[]>> script) throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    int n = connections.getAndIncrement();
                    Thread t = new Thread(() -> serve(s, script.apply(n)), "raw-ws-" + n);
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "raw-ws-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "ws://127.0.0.1:" + socket.getLocalPort() + "/raw/api/channels/test";
    }

    public int connections() {
        return connections.get();
    }

    private static void serve(Socket s, List<byte[]> frames) {
        try (s) {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String request = readRequest(in);
            Matcher m = KEY.matcher(request);
            if (!m.find()) {
                return;
            }
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (m.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (byte[] frame : frames) {
                out.write(frame);
                out.flush();
                Thread.sleep(20);
            }
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // Never answers: no pong, no close reply.
            }
        } catch (Exception ignored) {
            // The client hung up, as it should on bad frames.
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (buf.size() < 16_384) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            buf.write(b);
            String s = buf.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    /** A text frame, FIN set, masked or not. */
    public static byte[] text(String text, boolean masked) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(mask | payload.length);
        } else if (payload.length < 65536) {
            out.write(mask | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(mask | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >> (8 * i)));
            }
        }
        if (masked) {
            byte[] key = {0x11, 0x22, 0x33, 0x44};
            out.writeBytes(key);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i % 4];
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
