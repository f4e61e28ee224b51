package dev.delegatedadmin.adapters.persistence.audit;

import dev.delegatedadmin.adapters.persistence.testsupport.Databases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.CreateUserCommand;
import dev.delegatedadmin.application.port.out.AuditFilter;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.application.service.UserWriteService;
import dev.delegatedadmin.application.testsupport.InMemoryIdentityProvider;
import dev.delegatedadmin.application.testsupport.StaticPolicyStore;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditStatus;
import dev.delegatedadmin.domain.audit.SecretFields;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.policy.NewUser;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 11: the IdP applied the change, then the database went away before the outcome was written
 * (an IdP double that, inside its create, makes the database refuse connections and terminates the open ones).
 * The create still succeeds, its outcome is journaled on disk, and it is in the trail once the database is back.
 * Before, the outcome was lost: the intent stayed pending, later unknown.
 */
public class LostOutcomeTest {

    @TempDir
    Path dataDir;

    private HikariDataSource dataSource;
    private String databaseName;
    private DSLContext db;
    private OutcomeWriter outcomes;
    private JooqAuditTrail trail;

    /** Creates the user, then takes the database away: between the IdP call and the outcome write. */
    final class DatabaseKillingIdentityProvider extends InMemoryIdentityProvider {
        volatile boolean killOnCreate;

        DatabaseKillingIdentityProvider() {
            super(Clock.systemUTC());
        }

        @Override
        public synchronized User create(NewUser user) {
            User created = super.create(user);
            if (killOnCreate) {
                refuseConnections(true);
            }
            return created;
        }
    }

    @BeforeEach
    void setUp() {
        dataSource = (HikariDataSource) Databases.migratedDataSource();
        dataSource.setConnectionTimeout(500); // the service bounds its pool's wait too (well below the client's)
        databaseName = TestDatabase.connectionInfo(dataSource).url().replaceAll("^.*/([^/?]+).*$", "$1");
        db = DSL.using(dataSource, SQLDialect.POSTGRES);
        outcomes = new OutcomeWriter(db, new OutcomeJournal(dataDir.resolve(JooqAuditTrail.JOURNAL_FILE)),
                new OutcomeWriter.Retry(3, Duration.ofMillis(50), Duration.ofMillis(500)));
        trail = new JooqAuditTrail(db, Clock.systemUTC(), new AuditInstance(db), outcomes);
    }

    @AfterEach
    void restore() {
        refuseConnections(false);
    }

    @Test
    void an_outcome_the_database_cannot_take_is_journaled_and_written_when_it_returns() throws Exception {
        DatabaseKillingIdentityProvider idp = new DatabaseKillingIdentityProvider();
        UserWriteService writes = new UserWriteService(idp, idp, trail, StaticPolicyStore.shippedDefault(),
                Clock.systemUTC(), new SecretFields(Set.of()));
        Caller kelly = new Caller(Actor.from(idp.seed("kelly@example.com", "Finance", List.of("user-admin"), "x")),
                Optional.of("req-lost"));
        idp.killOnCreate = true;

        User created = writes.create(new CreateUserCommand(kelly, WritePayload.empty()
                .withEmail(new Email("kim@example.com")).withPassword(new Password("Str0ng-Pa55word!"))
                .withMemberships(List.of(new Department("Finance")))));

        assertThat(created.email().value()).isEqualTo("kim@example.com");
        Path journal = dataDir.resolve(JooqAuditTrail.JOURNAL_FILE);
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains("\"outcome\":\"succeeded\"").doesNotContain("Str0ng-Pa55word!");
        assertThat(outcomes.replay()).as("the database is still away").isZero();
        assertThat(Files.readAllLines(journal)).hasSize(1);

        // The maintenance loop of a live instance keeps trying; the outcome appears once the database is back.
        AuditMaintenance maintenance = new AuditMaintenance(new AuditInstance(db), outcomes, new AuditSealer(db, 100),
                new AuditMaintenance.Settings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofHours(1),
                        Duration.ofHours(1), Duration.ofHours(1)));
        refuseConnections(false);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> db.selectOne().fetch().size() == 1);
        maintenance.start();
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> outcomes.journal().isEmpty());
        } finally {
            maintenance.stop();
        }

        AuditEvent event = onlyEvent();
        assertThat(event.record().status()).isEqualTo(AuditStatus.PENDING);
        assertThat(event.status()).isEqualTo(AuditStatus.SUCCEEDED);
        assertThat(event.record().targetEmail()).contains("kim@example.com");
        assertThat(outcomes.journal().isEmpty()).isTrue();
    }

    @Test
    void a_short_outage_is_bridged_by_the_retries_without_the_journal() {
        long intent = trail.record(CrashedInstanceTest.pending());
        refuseConnections(true);
        Thread restorer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(120);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            refuseConnections(false);
        });

        OutcomeWriter patient = new OutcomeWriter(db, outcomes.journal(),
                new OutcomeWriter.Retry(6, Duration.ofMillis(50), Duration.ofSeconds(10)));
        patient.write(new OutcomeJournal.Entry(intent, "succeeded", Optional.empty(), java.time.Instant.now()));

        assertThat(restorer.isAlive()).isFalse();
        assertThat(outcomes.journal().isEmpty()).isTrue();
        assertThat(trail.find(AuditQuery.of(AuditFilter.NONE, OptionalLong.empty(), 10)).events().getFirst().status())
                .isEqualTo(AuditStatus.SUCCEEDED);
    }

    private AuditEvent onlyEvent() {
        List<AuditEvent> events = trail.find(AuditQuery.of(AuditFilter.NONE, OptionalLong.empty(), 10)).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    /** As an operator would: {@code ALTER DATABASE … ALLOW_CONNECTIONS}, and end the open sessions. */
    private void refuseConnections(boolean refuse) {
        DataSource server = TestDatabase.dataSource();
        try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("alter database " + databaseName + " allow_connections " + !refuse);
            if (refuse) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                        + databaseName + "' and pid <> pg_backend_pid()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
