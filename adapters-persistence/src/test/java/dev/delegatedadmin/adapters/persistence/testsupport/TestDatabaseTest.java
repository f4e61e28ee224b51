package dev.delegatedadmin.adapters.persistence.testsupport;

import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.OffsetDateTime;

import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_EVENT;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.AUDIT_OUTCOME;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDatabaseTest {

    private static DataSource dataSource;
    private static DSLContext db;

    @BeforeAll
    static void migrate() {
        dataSource = TestDatabase.freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    @Test
    void audit_events_cannot_be_updated_or_deleted() {
        long id = insertAuditEvent();

        assertThatThrownBy(() -> db.update(AUDIT_EVENT).set(AUDIT_EVENT.STATUS, "succeeded").where(AUDIT_EVENT.ID.eq(id)).execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit rows are append-only");
        assertThatThrownBy(() -> db.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.ID.eq(id)).execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit rows are append-only");
        assertThatThrownBy(() -> db.truncate(AUDIT_EVENT).cascade().execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("audit rows are append-only");
        assertThat(db.fetchValue(AUDIT_EVENT.STATUS, AUDIT_EVENT.ID.eq(id))).isEqualTo("pending");
    }

    @Test
    void audit_outcomes_are_written_once_and_never_changed() {
        long id = insertAuditEvent();
        db.insertInto(AUDIT_OUTCOME)
                .set(AUDIT_OUTCOME.EVENT_ID, id)
                .set(AUDIT_OUTCOME.OUTCOME, "succeeded")
                .set(AUDIT_OUTCOME.COMPLETED_AT, OffsetDateTime.now())
                .execute();

        assertThatThrownBy(() -> db.insertInto(AUDIT_OUTCOME)
                .set(AUDIT_OUTCOME.EVENT_ID, id)
                .set(AUDIT_OUTCOME.OUTCOME, "failed")
                .set(AUDIT_OUTCOME.COMPLETED_AT, OffsetDateTime.now())
                .execute())
                .hasMessageContaining("audit_outcome_pk");
        assertThatThrownBy(() -> db.update(AUDIT_OUTCOME).set(AUDIT_OUTCOME.OUTCOME, "failed").execute())
                .hasMessageContaining("audit rows are append-only");
        assertThatThrownBy(() -> db.deleteFrom(AUDIT_OUTCOME).execute())
                .hasMessageContaining("audit rows are append-only");
    }

    @Test
    void email_is_unique_per_connection() {
        insertUser("u1", "db", "ada@example.com");
        insertUser("u2", "other", "ada@example.com");

        assertThatThrownBy(() -> insertUser("u3", "db", "ada@example.com"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("local_user_connection_email_uq");
        assertThatThrownBy(() -> insertUser("u4", "db", "Grace@example.com"))
                .hasMessageContaining("local_user_email_lower_ck");
    }

    @Test
    void department_is_derived_from_app_metadata() {
        insertUser("u5", "db", "linus@example.com");

        assertThat(db.fetchValue(LOCAL_USER.DEPARTMENT, LOCAL_USER.USER_ID.eq("u5"))).isEqualTo("finance");
    }

    @Test
    void fresh_databases_are_separate_and_empty() {
        DataSource other = TestDatabase.freshDatabase();

        assertThat(TestDatabase.connectionInfo(other).url()).isNotEqualTo(TestDatabase.connectionInfo(dataSource).url());
        assertThat(DSL.using(other, SQLDialect.POSTGRES)
                .fetchValue("select count(*) from information_schema.tables where table_schema = 'public'")).isEqualTo(0L);
    }

    @Test
    void replaces_the_database_in_a_jdbc_url() {
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h:5432/postgres?ssl=false", "x"))
                .isEqualTo("jdbc:postgresql://h:5432/x?ssl=false");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h1,h2:5432/", "x")).isEqualTo("jdbc:postgresql://h1,h2:5432/x");
        assertThat(TestDatabase.withDatabase("jdbc:postgresql://h?user=u", "x")).isEqualTo("jdbc:postgresql://h/x?user=u");
    }

    private static long insertAuditEvent() {
        return db.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.OCCURRED_AT, OffsetDateTime.now())
                .set(AUDIT_EVENT.ACTION, "user.update")
                .set(AUDIT_EVENT.DECISION, "allowed")
                .set(AUDIT_EVENT.STATUS, "pending")
                .returning(AUDIT_EVENT.ID)
                .fetchOne(AUDIT_EVENT.ID);
    }

    private static void insertUser(String id, String connection, String email) {
        OffsetDateTime now = OffsetDateTime.now();
        db.insertInto(LOCAL_USER)
                .set(LOCAL_USER.USER_ID, id)
                .set(LOCAL_USER.CONNECTION, connection)
                .set(LOCAL_USER.EMAIL, email)
                .set(LOCAL_USER.PASSWORD_HASH, "hash")
                .set(LOCAL_USER.APP_METADATA, JSONB.valueOf("{\"department\": \"finance\"}"))
                .set(LOCAL_USER.CREATED_AT, now)
                .set(LOCAL_USER.UPDATED_AT, now)
                .execute();
    }
}
