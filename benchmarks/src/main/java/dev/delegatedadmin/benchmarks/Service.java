package dev.delegatedadmin.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service jar as a child process, measured from the outside: start time to a healthy /actuator/health, and CPU
 * and memory from the kernel's accounting of the process (/proc/PID/stat, /proc/PID/status), so nothing in the
 * service is changed to be measured.
 */
final class Service implements AutoCloseable {

    // -DserviceJar=... measures another build (before/after a change).
    static final Path JAR = Path.of(System.getProperty("serviceJar", "bootstrap/target/delegated-admin.jar"));
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux amd64

    private final Process process;
    /** The JVM measured: {@code process} or its java child. */
    private final ProcessHandle jvm;
    final int port;
    final Duration startTime;

    private Service(Process process, ProcessHandle jvm, int port, Duration startTime) {
        this.process = process;
        this.jvm = jvm;
        this.port = port;
        this.startTime = startTime;
    }

    static Service start(Path jar, int port, Map<String, String> environment, List<String> jvmOptions, Path log)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        // Actuator's own port: any free one, so that several instances (and Keycloak) can run side by side.
        builder.environment().putIfAbsent("MANAGEMENT_PORT", "0");
        return launch(builder, port, URI.create("http://127.0.0.1:" + port + "/actuator/health"),
                Duration.ofSeconds(120), log);
    }

    /**
     * Starts {@code builder}'s command, its output to {@code log}, and waits until {@code health} answers 200. What
     * is measured is the JVM: the process itself, or, when the command is a launcher script that runs java as a
     * child (Keycloak's kc.sh does, so as to forward signals), that java child.
     */
    static Service launch(ProcessBuilder builder, int port, URI health, Duration timeout, Path log) throws Exception {
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(health).build();
        while (System.nanoTime() - started < timeout.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The process stopped; see " + log);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Duration startTime = Duration.ofNanos(System.nanoTime() - started);
                    return new Service(process, jvm(process), port, startTime);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        stop(process, jvm(process));
        throw new IllegalStateException("Not healthy within " + timeout.toSeconds() + " s; see " + log);
    }

    private static ProcessHandle jvm(Process process) {
        if (isJava(process.toHandle())) {
            return process.toHandle();
        }
        return process.descendants().filter(Service::isJava).findFirst().orElse(process.toHandle());
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** User + system CPU of the service's JVM, in milliseconds. */
    double cpuMillis() {
        return cpuMillis(jvm.pid());
    }

    static double cpuMillis(long pid) {
        return cpuMillis(String.valueOf(pid));
    }

    private static double cpuMillis(String procPath) {
        try {
            String stat = Files.readString(Path.of("/proc/" + procPath + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[11], [12]: utime, stime (fields 14 and 15 of proc(5), counted after the command name)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * CPU by kind of thread (from /proc/PID/task/TID/stat and comm): JIT compilers, GC, and the rest (request
     * handling: Tomcat, the virtual threads' carriers, Hikari, the audit sealer); shows how much of a short run
     * is still warm-up.
     */
    java.util.Map<String, Double> cpuByThreadKind() {
        java.util.Map<String, Double> kinds = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + jvm.pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    String kind = comm.contains("Compiler") ? "JIT"
                            : comm.startsWith("G1") || comm.startsWith("GC") ? "GC" : "other";
                    kinds.merge(kind, cpuMillis(jvm.pid() + "/task/" + task.getFileName()), Double::sum);
                } catch (IOException gone) {
                    // thread ended
                }
            }
        } catch (IOException gone) {
            // process ended
        }
        return kinds;
    }

    /** CPU of the PostgreSQL backends serving {@code database} (their command line names it). */
    static double postgresCpuMillis(String database) throws IOException {
        double sum = 0;
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.startsWith("postgres: ") && cmd.contains(" " + database + " ")) {
                        sum += cpuMillis(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return sum;
    }

    /** VmRSS (now) or VmHWM (peak) in MB. */
    double memoryMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + jvm.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException gone) {
            // fall through
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        stop(process, jvm);
    }

    /** SIGTERM (a launcher script forwards it to its JVM), then SIGKILL to both if either outlives 90 s. */
    private static void stop(Process process, ProcessHandle jvm) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            jvm.destroyForcibly();
            process.destroyForcibly().waitFor();
        }
        if (jvm.isAlive()) {
            jvm.destroy();
            try {
                jvm.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException stuck) {
                jvm.destroyForcibly();
            }
        }
    }
}
