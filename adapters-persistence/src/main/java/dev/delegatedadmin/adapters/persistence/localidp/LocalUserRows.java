package dev.delegatedadmin.adapters.persistence.localidp;

import dev.delegatedadmin.adapters.persistence.support.JsonCodec;
import static dev.delegatedadmin.adapters.persistence.jooq.Tables.LOCAL_USER;

import dev.delegatedadmin.adapters.persistence.jooq.tables.records.LocalUserRecord;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;

/**
 * A {@code local_user} row as a domain {@link User}, for {@link LocalDirectory}. Apart from it so that the directory
 * keeps to its queries (and under the 400-line limit); the columns and both mappings stay side by side.
 */
public final class LocalUserRows {

    /** The columns of {@link #toDomain(ResultSet)}, in its order; never the password hash. */
    static final List<Field<?>> USER_COLUMNS = List.of(LOCAL_USER.USER_ID, LOCAL_USER.EMAIL,
            LOCAL_USER.CONNECTION, LOCAL_USER.EMAIL_VERIFIED, LOCAL_USER.BLOCKED, LOCAL_USER.USER_METADATA,
            LOCAL_USER.APP_METADATA, LOCAL_USER.CREATED_AT, LOCAL_USER.UPDATED_AT, LOCAL_USER.LOGINS_COUNT,
            LOCAL_USER.LAST_LOGIN);

    private LocalUserRows() {
    }

    static User toDomain(ResultSet row) throws SQLException {
        return new User(
                new UserId(row.getString(1)),
                new Email(row.getString(2)),
                new ConnectionName(row.getString(3)),
                row.getBoolean(4),
                row.getBoolean(5),
                JsonCodec.toMetadata(row.getString(6)),
                JsonCodec.toMetadata(row.getString(7)),
                row.getObject(8, OffsetDateTime.class).toInstant(),
                row.getObject(9, OffsetDateTime.class).toInstant(),
                row.getInt(10),
                Optional.ofNullable(row.getObject(11, OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }

    static User toDomain(LocalUserRecord row) {
        return new User(
                new UserId(row.getUserId()),
                new Email(row.getEmail()),
                new ConnectionName(row.getConnection()),
                row.getEmailVerified(),
                row.getBlocked(),
                JsonCodec.toMetadata(row.getUserMetadata()),
                JsonCodec.toMetadata(row.getAppMetadata()),
                row.getCreatedAt().toInstant(),
                row.getUpdatedAt().toInstant(),
                row.getLoginsCount(),
                Optional.ofNullable(row.getLastLogin()).map(OffsetDateTime::toInstant));
    }
}
