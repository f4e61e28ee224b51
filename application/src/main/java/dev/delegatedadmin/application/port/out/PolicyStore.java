package dev.delegatedadmin.application.port.out;

import dev.delegatedadmin.domain.policy.document.PolicyDocument;
import dev.delegatedadmin.domain.policy.WritePolicy;

/**
 * The active policy, read on every request: implementations answer from memory and refresh when the active
 * version changes. An implementation gives the whole document: there is no "write policy only" store, which would
 * silently lose the custom fields and login rules.
 */
public interface PolicyStore {

    /** The whole active document: write policy, custom fields, login rules. */
    PolicyDocument activeDocument();

    /** The write-policy part of {@link #activeDocument()}: a view of it, never a second source. */
    default WritePolicy activePolicy() {
        return activeDocument().writePolicy();
    }
}
