package dev.delegatedadmin.bootstrap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first step of a shutdown, before the web server's graceful one: for {@code drain}, every request is still
 * served but its response says {@code Connection: close}, so that clients stop reusing their kept-alive
 * connections. Tomcat's graceful shutdown then refuses new connections and drops requests arriving on idle kept-alive
 * ones without a response; after the drain, clients have none left to send on.
 */
final class ShutdownDrain extends OncePerRequestFilter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;
    private volatile boolean running;
    private volatile boolean draining;

    ShutdownDrain(Duration drain) {
        this.drain = drain;
    }

    boolean draining() {
        return draining;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (draining) {
            response.setHeader("Connection", "close");
        }
        chain.doFilter(request, response);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        log.info("Shutting down: answering with Connection: close for {} before the web server stops", drain);
        try {
            Thread.sleep(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped just before the web server's graceful shutdown (a higher phase stops earlier). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
