package dev.delegatedadmin.bootstrap;

import dev.delegatedadmin.application.port.in.LoginThrottleSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code delegated-admin.login.*}: the local log-in's brute-force protection (docs/decisions.md, issue 11). Defaults:
 * 10 failures of one account within 15 minutes lock it for 15 minutes (at most ~40 guesses an hour, under OWASP ASVS
 * v4 V2.2.1's 100); 100 failures from one client address within 15 minutes lock the address for 15 minutes; at most
 * half the processors (at least one) check a password at once, and a log-in waits up to 2 s for a turn, then 503.
 */
@ConfigurationProperties("delegated-admin.login")
record LoginProperties(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("100") int addressMaxFailures,
        @DefaultValue("15m") Duration addressWindow,
        @DefaultValue("15m") Duration addressLockDuration,
        /* 0: half the processors, at least one. */
        @DefaultValue("0") int maxConcurrentChecks,
        @DefaultValue("2s") Duration checkWait) {

    LoginThrottleSettings settings() {
        int checks = maxConcurrentChecks > 0 ? maxConcurrentChecks
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new LoginThrottleSettings(
                new LoginThrottleSettings.Limit(maxFailures, failureWindow, lockDuration),
                new LoginThrottleSettings.Limit(addressMaxFailures, addressWindow, addressLockDuration),
                checks, checkWait);
    }
}
