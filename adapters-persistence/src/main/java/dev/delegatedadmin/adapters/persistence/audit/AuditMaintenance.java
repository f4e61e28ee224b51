package dev.delegatedadmin.adapters.persistence.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * The audit trail's background work: on start, register this instance and mark intents of stopped instances
 * {@code unknown}; then, in the background, seal everything unsealed and seal new rows every {@code sealInterval}
 * (one thread), and heartbeat every {@code heartbeatInterval} and look for stopped or silent instances every
 * {@code reapInterval} (another thread, so that a long sealing sweep never makes a live instance look dead). Starts
 * before and stops after the
 * web server (phase 0), so that the last requests' rows are sealed. A full sweep every {@code sweepInterval}
 * seals any row that committed too late for the window of a tick ({@link AuditSealer#WINDOW}). Every
 * {@code anchorInterval}, and on stop, the head is checkpointed outside the database ({@link AuditCheckpoints}).
 */
public final class AuditMaintenance implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(AuditMaintenance.class.getName());

    private final AuditInstance instance;
    private final OutcomeWriter outcomes;
    private final AuditSealer sealer;
    private final Settings settings;
    private final Optional<AuditCheckpoints> checkpoints;
    private ScheduledExecutorService executor;
    private ScheduledExecutorService liveness;
    private long lastSweep;
    private long lastAnchor;

    public record Settings(Duration sealInterval, Duration heartbeatInterval, Duration staleAfter, Duration reapInterval,
                    Duration sweepInterval, Duration anchorInterval) {

        Settings(Duration sealInterval, Duration heartbeatInterval, Duration staleAfter, Duration reapInterval,
                 Duration sweepInterval) {
            this(sealInterval, heartbeatInterval, staleAfter, reapInterval, sweepInterval, Duration.ofMinutes(1));
        }
    }

    public AuditMaintenance(AuditInstance instance, OutcomeWriter outcomes, AuditSealer sealer, Settings settings) {
        this(instance, outcomes, sealer, settings, Optional.empty());
    }

    public AuditMaintenance(AuditInstance instance, OutcomeWriter outcomes, AuditSealer sealer, Settings settings,
                     Optional<AuditCheckpoints> checkpoints) {
        this.instance = instance;
        this.outcomes = outcomes;
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
        // Outcomes journaled before a restart belong to the previous instance id's intents: write them before reaping.
        outcomes.replay();
        instance.markUnknown(settings.staleAfter(), true);
        long started = System.nanoTime();
        // The first tick sweeps: a large backlog (after an upgrade) is sealed in the background, not during start.
        lastSweep = started - settings.sweepInterval().toNanos();
        lastAnchor = started;
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("audit-sealer").daemon().factory());
        long period = settings.sealInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        liveness = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("audit-heartbeat").daemon().factory());
        long heartbeat = settings.heartbeatInterval().toMillis();
        liveness.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long reap = settings.reapInterval().toMillis();
        liveness.scheduleWithFixedDelay(this::reap, reap, reap, TimeUnit.MILLISECONDS);
    }

    void heartbeat() {
        try {
            instance.heartbeat();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Audit heartbeat failed; retrying", e);
        }
    }

    void reap() {
        try {
            instance.markUnknown(settings.staleAfter(), false);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Looking for stopped audit instances failed; retrying", e);
        }
    }

    void tick() {
        try {
            if (!outcomes.journal().isEmpty()) {
                // Alive first, so that no other instance reaps the intents whose outcomes are about to be written.
                instance.heartbeat();
                outcomes.replay();
            }
            long now = System.nanoTime();
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
        liveness.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
            liveness.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        liveness = null;
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
