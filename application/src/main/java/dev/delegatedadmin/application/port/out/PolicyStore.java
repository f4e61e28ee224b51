package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.policy.document.PolicyDocument;

/**
 * The active policy, read on every request: implementations answer from memory and refresh when the active
 * version changes.
 */
public interface PolicyStore {

    WritePolicy activePolicy();

    /** The whole active document (custom fields, login rules); a plain write policy has neither. */
    default PolicyDocument activeDocument() {
        return PolicyDocument.of(activePolicy());
    }
}
