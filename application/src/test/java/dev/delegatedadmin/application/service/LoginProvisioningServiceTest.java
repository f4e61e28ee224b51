package dev.delegatedadmin.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase.Door;
import dev.delegatedadmin.application.port.in.ProcessLoginUseCase.LoginOutcome;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import dev.delegatedadmin.application.port.out.PolicyStore;
import dev.delegatedadmin.application.testsupport.InMemoryAuditTrail;
import dev.delegatedadmin.application.testsupport.StaticPolicyStore;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.login.LoginEvent;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.policy.document.LoginRule;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The use case with in-memory ports: rule order, outcomes, audit rows, ledger use. */
class LoginProvisioningServiceTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail(clock);
    private final List<String> idpCalls = new ArrayList<>();
    private boolean rolesDown;
    private boolean databaseDown;

    private final LoginProvisioning idp = new LoginProvisioning() {
        @Override
        public boolean isConnectionEnabled(String organizationId, String connectionId) {
            idpCalls.add("enabled? " + organizationId + " " + connectionId);
            return connectionId.equals("con_db");
        }

        @Override
        public void addOrganizationMember(String organizationId, UserId user) {
            idpCalls.add("member " + organizationId + " " + user.value());
        }

        @Override
        public void assignRoles(UserId user, List<String> roleIds) {
            if (rolesDown) {
                throw new IdentityProviderException("The identity provider is unavailable.", true, Optional.empty(),
                        null);
            }
            idpCalls.add("roles " + user.value() + " " + roleIds);
        }

        @Override
        public void mergeAppMetadata(UserId user, Map<String, Object> values) {
            idpCalls.add("metadata " + user.value() + " " + values);
        }
    };

    /** A map-backed ledger with the same states as the PostgreSQL one. */
    private final LoginRuleLedger ledger = new LoginRuleLedger() {
        private final Map<String, String> states = new HashMap<>();

        @Override
        public Set<String> retriesPending(String userId) {
            Set<String> rules = new java.util.HashSet<>();
            states.forEach((key, state) -> {
                if (state.equals("retry") && key.startsWith(userId + "/")) {
                    rules.add(key.substring(userId.length() + 1));
                }
            });
            return rules;
        }

        @Override
        public Optional<Claim> claim(String userId, String ruleId) {
            if (databaseDown && ruleId.equals("finance-org")) {
                throw new IllegalStateException("connection refused");
            }
            String state = states.get(userId + "/" + ruleId);
            if (state != null && !state.equals("retry")) {
                return Optional.empty();
            }
            states.put(userId + "/" + ruleId, "claimed");
            return Optional.of(new Claim(userId, ruleId, UUID.randomUUID().toString()));
        }

        @Override
        public void applied(Claim claim) {
            states.put(claim.userId() + "/" + claim.ruleId(), "applied");
        }

        @Override
        public void failed(Claim claim) {
            states.put(claim.userId() + "/" + claim.ruleId(), "retry");
        }

        @Override
        public void release(Claim claim) {
            states.remove(claim.userId() + "/" + claim.ruleId());
        }
    };

    private final List<LoginRule> rules = List.of(
            new LoginRule("finance-org", LoginRule.Condition.ALWAYS, new LoginRule.AssignOrganization("org_finance")),
            new LoginRule("default-role", new LoginRule.Condition(Optional.of(true), Set.of(), Set.of(), Set.of()),
                    new LoginRule.AssignRoles(List.of("rol_basic"))),
            new LoginRule("stamp", LoginRule.Condition.ALWAYS,
                    new LoginRule.SetAppMetadata(Map.of("via", "{{connection.name}}"))));
    private final PolicyStore policies = new PolicyStore() {
        private final WritePolicy shipped = StaticPolicyStore.shippedDefault().activePolicy();

        @Override
        public WritePolicy activePolicy() {
            return shipped;
        }

        @Override
        public PolicyDocument activeDocument() {
            return new PolicyDocument(shipped, List.of(), rules);
        }
    };
    private final LoginProvisioningService service = new LoginProvisioningService(policies, idp, ledger, audit, clock);

    private static LoginEvent login(String connectionId, long count) {
        return new LoginEvent(new UserId("auth0|1"), Optional.of("a@example.com"), Metadata.EMPTY,
                new LoginEvent.Connection(connectionId, "Username-Password-Authentication", "auth0"), Optional.empty(),
                count);
    }

    private static List<String> summary(LoginOutcome outcome) {
        return outcome.results().stream().map(r -> r.rule() + ":" + r.status().externalName()
                + r.reason().map(reason -> ":" + reason).orElse("")).toList();
    }

    @Test
    void the_webhook_door_returns_the_metadata_and_the_local_door_writes_it() {
        LoginOutcome webhook = service.process(login("con_db", 1), Door.WEBHOOK, Optional.of("req-1"));
        assertThat(summary(webhook)).containsExactly("finance-org:done", "default-role:done", "stamp:done");
        assertThat(webhook.appMetadata()).isEqualTo(Map.of("via", "Username-Password-Authentication"));
        assertThat(idpCalls).containsExactly("enabled? org_finance con_db", "member org_finance auth0|1",
                "roles auth0|1 [rol_basic]");
        assertThat(audit.all()).extracting(e -> e.record().rule().orElseThrow() + ":" + e.status().externalName())
                .containsExactly("finance-org:succeeded", "default-role:succeeded", "stamp:succeeded");
        assertThat(audit.all()).allSatisfy(e -> {
            assertThat(e.record().actorId()).isEmpty();
            assertThat(e.record().targetId()).contains("auth0|1");
            assertThat(e.record().requestId()).contains("req-1");
        });

        idpCalls.clear();
        LoginOutcome local = service.process(login("con_db", 2), Door.LOCAL_SESSION, Optional.empty());
        assertThat(summary(local)).containsExactly("finance-org:skipped:already-applied",
                "default-role:skipped:condition-not-met", "stamp:done");
        assertThat(local.appMetadata()).isEmpty();
        assertThat(idpCalls).containsExactly("metadata auth0|1 {via=Username-Password-Authentication}");
    }

    @Test
    void a_failure_fails_that_rule_only_and_is_retried_by_a_later_login() {
        rolesDown = true;
        databaseDown = true;
        LoginOutcome first = service.process(login("con_social", 1), Door.WEBHOOK, Optional.empty());
        assertThat(summary(first)).containsExactly("finance-org:failed:Unexpected error.",
                "default-role:failed:The identity provider is unavailable.", "stamp:done");
        assertThat(audit.all()).extracting(e -> e.record().rule().orElseThrow() + ":" + e.status().externalName())
                .containsExactly("default-role:failed", "stamp:succeeded");

        rolesDown = false;
        databaseDown = false;
        LoginOutcome next = service.process(login("con_social", 2), Door.WEBHOOK, Optional.empty());
        assertThat(summary(next)).containsExactly("finance-org:skipped:connection-not-enabled", "default-role:done",
                "stamp:done");
        assertThat(audit.all().getLast().status()).isEqualTo(AuditStatus.SUCCEEDED);
        assertThat(audit.all()).anySatisfy(e -> {
            assertThat(e.status()).isEqualTo(AuditStatus.SKIPPED);
            assertThat(e.record().message()).contains(
                    "The connection Username-Password-Authentication is not enabled for organization org_finance.");
        });
    }
}
