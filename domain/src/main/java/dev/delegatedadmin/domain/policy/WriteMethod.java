package dev.delegatedadmin.domain.policy;

/** The seed's {@code ctx.method}; a delete goes through the same rules, with an empty payload. */
public enum WriteMethod {
    CREATE, UPDATE, DELETE
}
