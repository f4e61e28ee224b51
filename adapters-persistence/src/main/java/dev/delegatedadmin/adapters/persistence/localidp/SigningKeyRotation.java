package dev.delegatedadmin.adapters.persistence.localidp;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Automatic rotation of the local IdP's signing key ({@code SIGNING_KEY_ROTATION}): every {@code checkInterval}, one
 * step of {@link SigningKeys#rotateIfDue}. Safe with several instances on one database: the step runs under an
 * advisory lock, and the others read the new key within the keys' refresh time.
 */
public final class SigningKeyRotation implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(SigningKeyRotation.class.getName());

    private final SigningKeys keys;
    private final Duration rotateAfter;
    private final Duration tokenTtl;
    private final Duration checkInterval;
    private ScheduledExecutorService executor;

    /** {@code rotateAfter} null: rotation is off (manual rotation only, docs/operations.md). */
    public SigningKeyRotation(SigningKeys keys, Duration rotateAfter, Duration tokenTtl, Duration checkInterval) {
        if (rotateAfter != null && rotateAfter.compareTo(tokenTtl) <= 0) {
            throw new IllegalArgumentException("SIGNING_KEY_ROTATION (" + rotateAfter
                    + ") must be longer than the token lifetime (" + tokenTtl + ")");
        }
        this.keys = keys;
        this.rotateAfter = rotateAfter;
        this.tokenTtl = tokenTtl;
        this.checkInterval = checkInterval;
    }

    void tick() {
        try {
            keys.rotateIfDue(rotateAfter, tokenTtl);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Signing key rotation failed; retrying", e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor == null && rotateAfter != null) {
            executor = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("signing-key-rotation").daemon().factory());
            long period = checkInterval.toMillis();
            executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
