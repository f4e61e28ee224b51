package dev.delegatedadmin.adapters.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * The audit trail's background work, one thread per instance: on start, register this instance and mark intents of
 * stopped instances {@code unknown}; then, in the background, seal everything unsealed, heartbeat, seal new rows every
 * {@code sealInterval} and look for stopped instances every {@code reapInterval}. Starts before and stops after the
 * web server (phase 0), so that the last requests' rows are sealed. A full sweep every {@code sweepInterval}
 * seals any row that committed too late for the window of a tick ({@link AuditSealer#WINDOW}). Every
 * {@code anchorInterval}, and on stop, the head is checkpointed outside the database ({@link AuditCheckpoints}).
 */
final class AuditMaintenance implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(AuditMaintenance.class.getName());

    private final AuditInstance instance;
    private final AuditSealer sealer;
    private final Settings settings;
    private final Optional<AuditCheckpoints> checkpoints;
    private ScheduledExecutorService executor;
    private long lastHeartbeat;
    private long lastReap;
    private long lastSweep;
    private long lastAnchor;

    record Settings(Duration sealInterval, Duration heartbeatInterval, Duration staleAfter, Duration reapInterval,
                    Duration sweepInterval, Duration anchorInterval) {

        Settings(Duration sealInterval, Duration heartbeatInterval, Duration staleAfter, Duration reapInterval,
                 Duration sweepInterval) {
            this(sealInterval, heartbeatInterval, staleAfter, reapInterval, sweepInterval, Duration.ofMinutes(1));
        }
    }

    AuditMaintenance(AuditInstance instance, AuditSealer sealer, Settings settings) {
        this(instance, sealer, settings, Optional.empty());
    }

    AuditMaintenance(AuditInstance instance, AuditSealer sealer, Settings settings,
                     Optional<AuditCheckpoints> checkpoints) {
        this.instance = instance;
        this.sealer = sealer;
        this.settings = settings;
        this.checkpoints = checkpoints;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        instance.register();
        instance.markUnknown(settings.staleAfter(), true);
        lastHeartbeat = lastReap = System.nanoTime();
        // The first tick sweeps: a large backlog (after an upgrade) is sealed in the background, not during start.
        lastSweep = lastHeartbeat - settings.sweepInterval().toNanos();
        lastAnchor = lastHeartbeat;
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("audit-sealer").daemon().factory());
        long period = settings.sealInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            long now = System.nanoTime();
            if (now - lastHeartbeat >= settings.heartbeatInterval().toNanos()) {
                instance.heartbeat();
                lastHeartbeat = now;
            }
            if (now - lastSweep >= settings.sweepInterval().toNanos()) {
                sealer.sealAll();
                lastSweep = now;
            } else {
                sealer.sealPending();
            }
            if (now - lastAnchor >= settings.anchorInterval().toNanos()) {
                checkpoints.ifPresent(AuditCheckpoints::checkpoint);
                lastAnchor = now;
            }
            if (now - lastReap >= settings.reapInterval().toNanos()) {
                instance.markUnknown(settings.staleAfter(), false);
                lastReap = now;
            }
        } catch (RuntimeException e) {
            // The next tick retries: nothing is lost, the rows wait unsealed.
            LOG.log(System.Logger.Level.WARNING, "Audit maintenance failed; retrying", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        try {
            sealer.sealPending();
            checkpoints.ifPresent(AuditCheckpoints::checkpoint);
            instance.stopped();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Audit maintenance could not finish on stop", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
