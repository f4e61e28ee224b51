package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.support.JsonCodec;
import dev.delegatedadmin.adapters.persistence.support.SqlErrors;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_ORGANIZATION_CONNECTION;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_ORGANIZATION_MEMBER;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER_ROLE;

import dev.delegatedadmin.application.error.IdentityProviderException;
import dev.delegatedadmin.application.error.NotFoundException;
import dev.delegatedadmin.application.port.out.LoginProvisioning;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Login rules with the local IdP: organizations, their enabled connections, members and user roles in PostgreSQL.
 * Every write is an {@code INSERT … ON CONFLICT DO NOTHING}, so repeating one is harmless.
 */
public final class LocalLoginProvisioning implements LoginProvisioning {

    private static final String MEMBER_USER_FK = "local_organization_member_user_fk";
    private static final String MEMBER_ORG_FK = "local_organization_member_org_fk";
    private static final String ROLE_USER_FK = "local_user_role_user_fk";

    private final DSLContext dsl;
    private final Clock clock;

    public LocalLoginProvisioning(DSLContext dsl, Clock clock) {
        // Bind values are metadata: no execute logging.
        this.dsl = dsl.configuration().deriveSettings(settings -> settings.withExecuteLogging(false)).dsl();
        this.clock = clock;
    }

    @Override
    public boolean isConnectionEnabled(String organizationId, String connectionId) {
        return guard(() -> dsl.fetchExists(LOCAL_ORGANIZATION_CONNECTION,
                LOCAL_ORGANIZATION_CONNECTION.ORGANIZATION_ID.eq(organizationId),
                LOCAL_ORGANIZATION_CONNECTION.CONNECTION_ID.eq(connectionId)));
    }

    @Override
    public void addOrganizationMember(String organizationId, UserId user) {
        guard(() -> dsl.insertInto(LOCAL_ORGANIZATION_MEMBER)
                .set(LOCAL_ORGANIZATION_MEMBER.ORGANIZATION_ID, organizationId)
                .set(LOCAL_ORGANIZATION_MEMBER.USER_ID, user.value())
                .set(LOCAL_ORGANIZATION_MEMBER.ADDED_AT, now())
                .onConflictDoNothing()
                .execute());
    }

    @Override
    public void assignRoles(UserId user, List<String> roleIds) {
        OffsetDateTime now = now();
        // One multi-row statement: all the roles or none.
        var insert = dsl.insertInto(LOCAL_USER_ROLE, LOCAL_USER_ROLE.USER_ID, LOCAL_USER_ROLE.ROLE_ID,
                LOCAL_USER_ROLE.ASSIGNED_AT);
        for (String role : roleIds) {
            insert = insert.values(user.value(), role, now);
        }
        var statement = insert.onConflictDoNothing();
        guard(statement::execute);
    }

    @Override
    public void mergeAppMetadata(UserId user, Map<String, Object> values) {
        if (JsonCodec.containsNul(values)) {
            throw new IdentityProviderException("Metadata must not contain the character U+0000.", false,
                    Optional.empty(), null);
        }
        // jsonb || merges at the first level, as Auth0 does.
        int updated = guard(() -> dsl.update(LOCAL_USER)
                .set(LOCAL_USER.APP_METADATA, DSL.field("{0} || {1}", SQLDataType.JSONB, LOCAL_USER.APP_METADATA,
                        DSL.val(JsonCodec.toJsonb(new Metadata(values)))))
                .set(LOCAL_USER.UPDATED_AT, now())
                .where(LOCAL_USER.USER_ID.eq(user.value()))
                .execute());
        if (updated == 0) {
            throw new NotFoundException(LocalDirectory.NOT_FOUND);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static <T> T guard(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            if (SqlErrors.isForeignKeyViolation(e, MEMBER_USER_FK) || SqlErrors.isForeignKeyViolation(e, ROLE_USER_FK)) {
                throw new NotFoundException(LocalDirectory.NOT_FOUND);
            }
            if (SqlErrors.isForeignKeyViolation(e, MEMBER_ORG_FK)) {
                throw new NotFoundException("The organization does not exist.");
            }
            throw SqlErrors.sqlException(e)
                    .<RuntimeException>map(sql -> new IdentityProviderException("The local user directory failed.",
                            SqlErrors.isTransient(sql), Optional.empty(), e))
                    .orElse(e);
        }
    }
}
