package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.user.MetadataPatch;

/** Where a custom or protected field lives. */
public enum MetadataKind {
    USER_METADATA("user_metadata"),
    APP_METADATA("app_metadata");

    private final String externalName;

    MetadataKind(String externalName) {
        this.externalName = externalName;
    }

    public String externalName() {
        return externalName;
    }

    MetadataPatch requested(WritePayload payload) {
        return this == USER_METADATA ? payload.userMetadata() : payload.appMetadata();
    }
}
