package dev.delegatedadmin.adapters.persistence.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * Sends each checkpoint as JSON to {@code AUDIT_ANCHOR_URL} (a SIEM, an object store, another service), from its
 * own thread: the sealer only queues. A failure is logged and retried with a growing delay (up to a minute), in
 * order; when the queue is full the oldest checkpoint is dropped (a later one proves more).
 */
public final class AnchorPublisher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AnchorPublisher.class.getName());
    private static final int CAPACITY = 1_000;
    static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private final URI url;
    private final Duration firstDelay;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LinkedBlockingDeque<String> queue = new LinkedBlockingDeque<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    public AnchorPublisher(URI url, Duration firstDelay) {
        this.url = url;
        this.firstDelay = firstDelay;
        this.thread = Thread.ofPlatform().name("audit-anchor-publisher").daemon().start(this::run);
    }

    void publish(String json) {
        while (!queue.offerLast(json)) {
            if (queue.pollFirst() != null) {
                LOG.log(System.Logger.Level.WARNING, "Audit anchor queue full: the oldest checkpoint was not sent");
            }
        }
    }

    private void run() {
        Duration delay = firstDelay;
        while (!closed || !queue.isEmpty()) {
            String json;
            try {
                json = queue.pollFirst(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (json == null) {
                continue;
            }
            while (!send(json)) {
                if (closed) {
                    return;
                }
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
            delay = firstDelay;
        }
    }

    private boolean send(String json) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            LOG.log(System.Logger.Level.WARNING, "Audit anchor endpoint answered " + response.statusCode() + "; retrying");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Audit anchor endpoint unreachable (" + e + "); retrying");
        }
        return false;
    }

    /** Gives the queue a few seconds to drain, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
