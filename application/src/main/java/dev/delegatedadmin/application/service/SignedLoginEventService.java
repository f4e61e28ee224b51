package dev.delegatedadmin.application.service;

import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase.LoginOutcome;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase.RuleResult;
import dev.delegatedadmin.application.port.in.ProcessSignedLoginUseCase;
import dev.delegatedadmin.application.port.out.LoginEventReceipts;
import dev.delegatedadmin.application.port.out.LoginEventReceipts.Claim;
import dev.delegatedadmin.domain.login.LoginEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotent webhook: the first copy of a signed event runs the rules and its answer is kept; copies arriving
 * meanwhile wait for that answer (up to {@code maxWait}); later copies get it at once. No rule runs twice and no
 * audit row is written twice for one signed event.
 */
public final class SignedLoginEventService implements ProcessSignedLoginUseCase {

    static final String STILL_PROCESSING = "The same signed login event is still being processed; try again shortly.";
    private static final Duration POLL = Duration.ofMillis(50);

    private final ProcessLoginUseCase rules;
    private final LoginEventReceipts receipts;
    private final Clock clock;
    private final Duration keep;
    private final Duration maxWait;
    private final AtMostEvery sweeps = new AtMostEvery(Duration.ofMinutes(1));

    /** {@code keep}: at least the signature's window, after which a copy is refused anyway. */
    public SignedLoginEventService(ProcessLoginUseCase rules, LoginEventReceipts receipts, Clock clock, Duration keep,
                                   Duration maxWait) {
        this.rules = rules;
        this.receipts = receipts;
        this.clock = clock;
        this.keep = keep;
        this.maxWait = maxWait;
    }

    @Override
    public LoginOutcome processOnce(String eventKey, LoginEvent event, Optional<String> requestId) {
        sweep();
        Instant giveUp = clock.instant().plus(maxWait);
        while (true) {
            Claim claim = receipts.claim(eventKey, clock.instant());
            switch (claim) {
                case Claim.Answered(Map<String, Object> answer) -> {
                    return decode(answer);
                }
                case Claim.Won() -> {
                    LoginOutcome outcome;
                    try {
                        outcome = rules.process(event, ProcessLoginUseCase.Door.WEBHOOK, requestId);
                    } catch (RuntimeException e) {
                        receipts.release(eventKey);
                        throw e;
                    }
                    receipts.answer(eventKey, encode(outcome));
                    return outcome;
                }
                case Claim.Pending() -> {
                    if (!clock.instant().isBefore(giveUp)) {
                        throw new IdentityProviderException(STILL_PROCESSING, true, Optional.of(Duration.ofSeconds(1)),
                                null);
                    }
                    pause();
                }
            }
        }
    }

    static Map<String, Object> encode(LoginOutcome outcome) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("results", outcome.results().stream().map(r -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rule", r.rule());
            result.put("status", r.status().externalName());
            r.reason().ifPresent(reason -> result.put("reason", reason));
            return result;
        }).toList());
        tree.put("app_metadata", outcome.appMetadata());
        return tree;
    }

    @SuppressWarnings("unchecked")
    static LoginOutcome decode(Map<String, Object> tree) {
        List<RuleResult> results = ((List<Map<String, Object>>) tree.get("results")).stream()
                .map(r -> new RuleResult((String) r.get("rule"), status((String) r.get("status")),
                        Optional.ofNullable((String) r.get("reason"))))
                .toList();
        return new LoginOutcome(results, (Map<String, Object>) tree.get("app_metadata"));
    }

    private static ProcessLoginUseCase.Status status(String name) {
        return Arrays.stream(ProcessLoginUseCase.Status.values()).filter(s -> s.externalName().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("Unknown stored rule status " + name));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderException(STILL_PROCESSING, true, Optional.of(Duration.ofSeconds(1)), e);
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        if (!sweeps.due(now)) {
            return;
        }
        receipts.removeReceivedBefore(now.minus(keep));
    }
}
