package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.domain.login.LoginEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Post-login provisioning (SPEC section 6): the active document's login rules, in order, for one successful login.
 * Two doors: Auth0's post-login Action through the signed webhook, and the local {@code /session}. Never throws for
 * a rule's failure: each rule's outcome is in the answer and in the audit trail.
 */
public interface ProcessLoginUseCase {

    /** Who applies {@code set_app_metadata}: the Action (returned to it) or this service (local directory). */
    enum Door { WEBHOOK, LOCAL_SESSION }

    LoginOutcome process(LoginEvent event, Door door, Optional<String> requestId);

    enum Status {
        DONE("done"), SKIPPED("skipped"), FAILED("failed");

        private final String externalName;

        Status(String externalName) {
            this.externalName = externalName;
        }

        public String externalName() {
            return externalName;
        }
    }

    record RuleResult(String rule, Status status, Optional<String> reason) {
        public RuleResult {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Per rule, in the document's order; {@code appMetadata}: the keys for the Action to set (webhook door). */
    record LoginOutcome(List<RuleResult> results, Map<String, Object> appMetadata) {
        public LoginOutcome {
            results = List.copyOf(results);
            appMetadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(appMetadata));
        }
    }
}
