package org.motormesh.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link MeshProcess} in a child JVM: its stdout lines, time-stamped on arrival, and its stdin. */
public final class ChildJvm implements AutoCloseable {
    /** One line and when the test saw it. */
    public record Line(String text, long atNanos) {
    }

    final String name;
    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final List<Line> history = new ArrayList<>();

    /** A {@link MeshProcess} called {@code name}. */
    ChildJvm(String name) throws IOException {
        this(name, MeshProcess.class, name);
    }

    /** Any main class of the test class path, with arguments. */
    public ChildJvm(String name, Class<?> main, String... args) throws IOException {
        this.name = name;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName()));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(new Line(line, System.nanoTime()));
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "out-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public void send(String line) {
        stdin.println(line);
    }

    /** Waits for a line starting with {@code prefix}; remembers every line seen on the way. */
    public Line await(String prefix, long timeoutMs) throws InterruptedException {
        for (Line seen : history) {
            if (seen.text().startsWith(prefix)) {
                history.remove(seen);
                return seen;
            }
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            long left = deadline - System.nanoTime();
            Line line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError(name + ": no line starting with '" + prefix + "' within " + timeoutMs
                        + " ms; saw " + history.stream().map(Line::text).toList());
            }
            if (line.text().startsWith(prefix)) {
                return line;
            }
            history.add(line);
        }
    }

    /** The lines that come next, up to and including the first starting with {@code last} (for failure reports). */
    public List<String> linesUntil(String last, long timeoutMs) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        for (long left = timeoutMs * 1_000_000; left > 0; left = deadline - System.nanoTime()) {
            Line line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line.text());
            if (line.text().startsWith(last)) {
                break;
            }
        }
        return seen;
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int exitCode(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeoutMs + " ms");
        }
        return process.exitValue();
    }

    /** SIGKILL: no Bye, no mDNS goodbye. */
    public long kill() throws InterruptedException {
        long at = System.nanoTime();
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        return at;
    }

    /** Asks the process to quit, and kills it if it does not within 3 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                send("quit");
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
