package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import java.util.Set;
import dev.delegatedadmin.domain.actor.Scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.DeniedException;
import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.CreateUserCommand;
import dev.delegatedadmin.application.port.in.UpdateUserCommand;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.service.UserWriteService;
import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import dev.delegatedadmin.application.testsupport.StaticPolicyStore;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditChange;
import dev.delegatedadmin.domain.audit.AuditDecision;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.audit.SecretFields;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real write use case over the real audit trail in PostgreSQL: what reaches the rows, and what never does. */
public class AuditedWritesTest {

    private static final String PASSWORD = "Pa55-never-in-audit";
    private static final String SSN = "078-05-1120";
    private static final String API_TOKEN = "tok_live_never_in_audit";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final FailingIdentityProvider idp = new FailingIdentityProvider(clock);
    private DSLContext db;
    private JooqAuditTrail trail;
    private UserWriteService writes;
    private Caller kelly;

    /** The in-memory IdP, which fails creates on demand. */
    static final class FailingIdentityProvider extends InMemoryIdentityProvider {
        volatile boolean down;

        FailingIdentityProvider(Clock clock) {
            super(clock);
        }

        @Override
        public synchronized User create(NewUser user) {
            if (down) {
                throw new IdentityProviderException("The identity provider is unavailable.", true, Optional.empty(), null);
            }
            return super.create(user);
        }
    }

    @BeforeEach
    void setUp() {
        db = Databases.migrated();
        trail = new JooqAuditTrail(db, clock);
        writes = new UserWriteService(idp, idp, trail, StaticPolicyStore.shippedDefault(), clock,
                new SecretFields(java.util.Set.of("user_metadata.ssn")));
        kelly = new Caller(Actor.from(idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "x")),
                Optional.of("req-42"));
    }

    @Test
    void allowed_denied_and_failed_writes_each_leave_intent_and_outcome_without_any_secret() {
        User created = writes.create(new CreateUserCommand(kelly, payload("new@example.com", "Finance")));
        assertThatThrownBy(() -> writes.create(new CreateUserCommand(kelly, payload("hr@example.com", "HR"))))
                .isInstanceOf(DeniedException.class);
        idp.down = true;
        assertThatThrownBy(() -> writes.create(new CreateUserCommand(kelly, payload("down@example.com", "Finance"))))
                .isInstanceOf(IdentityProviderException.class);
        idp.down = false;
        writes.update(new UpdateUserCommand(kelly, created.id(), WritePayload.empty()
                .withEmail(new Email("renamed@example.com"))
                .withPassword(new Password(PASSWORD + "-2"))
                .withUserMetadata(MetadataPatch.of(Map.of("team", "payroll", "ssn", SSN + "9")))));

        List<AuditEvent> events = trail.find(query()).events().reversed();
        assertThat(events).hasSize(4);

        AuditEvent allowed = events.get(0);
        assertThat(allowed.record().decision()).isEqualTo(AuditDecision.ALLOWED);
        assertThat(allowed.record().status()).isEqualTo(AuditStatus.PENDING); // the intent, written first
        assertThat(allowed.status()).isEqualTo(AuditStatus.SUCCEEDED);        // its outcome
        assertThat(allowed.record().requestId()).contains("req-42");
        assertThat(allowed.record().targetDepartment()).contains("Finance");
        assertThat(allowed.record().changes()).contains(
                AuditChange.of("email", null, "new@example.com"),
                AuditChange.redacted("password"),
                AuditChange.redacted("user_metadata.ssn"),
                AuditChange.redacted("app_metadata.api_token"),
                AuditChange.of("app_metadata.department", null, "Finance"));

        AuditEvent denied = events.get(1);
        assertThat(denied.status()).isEqualTo(AuditStatus.DENIED);
        assertThat(denied.record().rule()).contains("own-department-only");
        assertThat(denied.completedAt()).isEmpty();

        AuditEvent failed = events.get(2);
        assertThat(failed.record().status()).isEqualTo(AuditStatus.PENDING);
        assertThat(failed.status()).isEqualTo(AuditStatus.FAILED);
        assertThat(failed.outcomeDetail()).hasValueSatisfying(d -> assertThat(d).contains("unavailable"));

        AuditEvent updated = events.get(3);
        assertThat(updated.status()).isEqualTo(AuditStatus.SUCCEEDED);
        assertThat(updated.record().changes()).containsExactlyInAnyOrder(
                AuditChange.of("email", "new@example.com", "renamed@example.com"),
                AuditChange.of("email_verified", false, false),
                AuditChange.redacted("password"),
                AuditChange.of("user_metadata.team", null, "payroll"),
                AuditChange.redacted("user_metadata.ssn"));

        // Every column of every audit table, as text: no secret anywhere.
        new AuditSealer(db, 100).sealAll();
        String everything = String.join("\n", db.fetch("select t::text from audit_event t").getValues(0, String.class))
                + db.fetch("select t::text from audit_outcome t").getValues(0, String.class)
                + db.fetch("select t::text from audit_seal t").getValues(0, String.class);
        assertThat(everything).contains("renamed@example.com", "payroll")
                .doesNotContain(PASSWORD, SSN, API_TOKEN);
    }

    private static WritePayload payload(String email, String department) {
        return WritePayload.empty().withEmail(new Email(email)).withPassword(new Password(PASSWORD))
                .withMemberships(List.of(new Department(department)))
                .withUserMetadata(MetadataPatch.of(Map.of("ssn", SSN)))
                .withAppMetadata(MetadataPatch.of(Map.of("api_token", API_TOKEN)));
    }

    private static AuditQuery query() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), AuditQuery.MAX_LIMIT, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Scope.all(Set.of()));
    }
}
