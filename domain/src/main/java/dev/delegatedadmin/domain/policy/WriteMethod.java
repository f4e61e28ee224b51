package dev.delegatedadmin.domain.policy;

/** The seed's {@code ctx.method}. */
public enum WriteMethod {
    CREATE, UPDATE
}
