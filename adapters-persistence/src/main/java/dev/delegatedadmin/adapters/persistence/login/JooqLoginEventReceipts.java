package dev.delegatedadmin.adapters.persistence.login;

import dev.delegatedadmin.adapters.persistence.support.JsonCodec;
import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOGIN_EVENT_RECEIPT;

import dev.delegatedadmin.application.port.out.LoginEventReceipts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record1;

/**
 * {@code login_event_receipt}: the first copy of a signed event inserts its key (the primary key decides among
 * instances), then stores its answer as JSON; a copy finds either the answer or a row still being processed.
 */
public final class JooqLoginEventReceipts implements LoginEventReceipts {

    private final DSLContext dsl;

    public JooqLoginEventReceipts(DSLContext dsl) {
        // Own transactions, and no DEBUG log of bind values (the answer holds app_metadata).
        this.dsl = OwnTransactions.of(dsl).configuration()
                .deriveSettings(settings -> settings.withExecuteLogging(false)).dsl();
    }

    @Override
    public Claim claim(String eventKey, Instant receivedAt) {
        int inserted = dsl.insertInto(LOGIN_EVENT_RECEIPT)
                .set(LOGIN_EVENT_RECEIPT.EVENT_KEY, eventKey)
                .set(LOGIN_EVENT_RECEIPT.RECEIVED_AT, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        if (inserted == 1) {
            return new Claim.Won();
        }
        Optional<Record1<JSON>> row = dsl.select(LOGIN_EVENT_RECEIPT.RESPONSE).from(LOGIN_EVENT_RECEIPT)
                .where(LOGIN_EVENT_RECEIPT.EVENT_KEY.eq(eventKey)).fetchOptional();
        // Gone: released by a failed first copy; the caller claims again.
        return row.map(Record1::value1).<Claim>map(json -> new Claim.Answered(JsonCodec.toTree(json)))
                .orElseGet(Claim.Pending::new);
    }

    @Override
    public void answer(String eventKey, Map<String, Object> answer) {
        dsl.update(LOGIN_EVENT_RECEIPT).set(LOGIN_EVENT_RECEIPT.RESPONSE, JsonCodec.toJson(answer))
                .where(LOGIN_EVENT_RECEIPT.EVENT_KEY.eq(eventKey)).execute();
    }

    @Override
    public void release(String eventKey) {
        dsl.deleteFrom(LOGIN_EVENT_RECEIPT).where(LOGIN_EVENT_RECEIPT.EVENT_KEY.eq(eventKey),
                LOGIN_EVENT_RECEIPT.RESPONSE.isNull()).execute();
    }

    @Override
    public int removeReceivedBefore(Instant before) {
        return dsl.deleteFrom(LOGIN_EVENT_RECEIPT)
                .where(LOGIN_EVENT_RECEIPT.RECEIVED_AT.lt(OffsetDateTime.ofInstant(before, ZoneOffset.UTC))).execute();
    }
}
