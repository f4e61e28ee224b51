package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.policy.WritePolicy;

/** Where the active write policy comes from (configuration now; versioned documents later). */
public interface PolicyStore {

    WritePolicy activePolicy();
}
