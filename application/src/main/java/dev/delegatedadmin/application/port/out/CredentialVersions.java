package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.user.UserId;
import java.util.OptionalLong;

/**
 * The local directory's credential version of each user: in every token it issues, bumped whenever the tokens
 * issued before must stop working (password, email, block or role change, logout).
 */
public interface CredentialVersions {

    /** Empty when the user does not exist. */
    OptionalLong current(UserId user);

    /** False when the user does not exist. */
    boolean bump(UserId user);
}
