package dev.delegatedadmin.adapters.persistence.login;

import dev.delegatedadmin.adapters.persistence.support.OwnTransactions;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOGIN_RULE_APPLICATION;

import dev.delegatedadmin.application.port.out.LoginRuleLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The at-most-once ledger of login rules in PostgreSQL. A claim is one statement: {@code INSERT … ON CONFLICT DO
 * UPDATE … WHERE} takes a new row, a row left to retry, or a claim older than the lease; PostgreSQL's row lock on
 * the conflicting row makes concurrent claimers (threads or instances) see each other, so exactly one wins.
 */
public final class JooqLoginRuleLedger implements LoginRuleLedger {

    static final String CLAIMED = "claimed";
    static final String APPLIED = "applied";
    static final String RETRY = "retry";

    private final DSLContext dsl;
    private final Clock clock;
    private final Duration lease;

    public JooqLoginRuleLedger(DSLContext dsl, Clock clock, Duration lease) {
        // Each statement commits on its own, never inside a caller's transaction.
        this.dsl = OwnTransactions.of(dsl);
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    public Set<String> retriesPending(String userId) {
        return new HashSet<>(dsl.select(LOGIN_RULE_APPLICATION.RULE_ID)
                .from(LOGIN_RULE_APPLICATION)
                .where(LOGIN_RULE_APPLICATION.USER_ID.eq(userId), LOGIN_RULE_APPLICATION.STATE.eq(RETRY))
                .fetch(LOGIN_RULE_APPLICATION.RULE_ID));
    }

    @Override
    public Optional<Claim> claim(String userId, String ruleId) {
        String token = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        return dsl.insertInto(LOGIN_RULE_APPLICATION)
                .set(LOGIN_RULE_APPLICATION.USER_ID, userId)
                .set(LOGIN_RULE_APPLICATION.RULE_ID, ruleId)
                .set(LOGIN_RULE_APPLICATION.STATE, CLAIMED)
                .set(LOGIN_RULE_APPLICATION.CLAIM_TOKEN, token)
                .set(LOGIN_RULE_APPLICATION.UPDATED_AT, now)
                .onConflict(LOGIN_RULE_APPLICATION.USER_ID, LOGIN_RULE_APPLICATION.RULE_ID)
                .doUpdate()
                .set(LOGIN_RULE_APPLICATION.STATE, CLAIMED)
                .set(LOGIN_RULE_APPLICATION.CLAIM_TOKEN, token)
                .set(LOGIN_RULE_APPLICATION.UPDATED_AT, now)
                .where(LOGIN_RULE_APPLICATION.STATE.eq(RETRY)
                        .or(LOGIN_RULE_APPLICATION.STATE.eq(CLAIMED)
                                .and(LOGIN_RULE_APPLICATION.UPDATED_AT.lt(now.minus(lease)))))
                .returning(LOGIN_RULE_APPLICATION.CLAIM_TOKEN)
                .fetchOptional()
                .map(row -> new Claim(userId, ruleId, row.getClaimToken()));
    }

    @Override
    public void applied(Claim claim) {
        finish(claim, APPLIED);
    }

    @Override
    public void failed(Claim claim) {
        finish(claim, RETRY);
    }

    @Override
    public void release(Claim claim) {
        dsl.deleteFrom(LOGIN_RULE_APPLICATION)
                .where(LOGIN_RULE_APPLICATION.USER_ID.eq(claim.userId()),
                        LOGIN_RULE_APPLICATION.RULE_ID.eq(claim.ruleId()),
                        LOGIN_RULE_APPLICATION.CLAIM_TOKEN.eq(claim.token()))
                .execute();
    }

    /** Only the holder's token moves the row on: a claim taken over after the lease is not overwritten. */
    private void finish(Claim claim, String state) {
        dsl.update(LOGIN_RULE_APPLICATION)
                .set(LOGIN_RULE_APPLICATION.STATE, state)
                .set(LOGIN_RULE_APPLICATION.UPDATED_AT, now())
                .where(LOGIN_RULE_APPLICATION.USER_ID.eq(claim.userId()),
                        LOGIN_RULE_APPLICATION.RULE_ID.eq(claim.ruleId()),
                        LOGIN_RULE_APPLICATION.CLAIM_TOKEN.eq(claim.token()),
                        LOGIN_RULE_APPLICATION.STATE.eq(DSL.inline(CLAIMED)))
                .execute();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
