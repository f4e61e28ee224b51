package dev.delegatedadmin.application.port.in;

import java.util.List;

/** The policy document's versions: read, replace, roll back. Administrators only. */
public interface ManagePoliciesUseCase {

    PolicyVersionView current(Caller caller);

    /** Newest first. */
    List<PolicyVersionView> versions(Caller caller);

    PolicyVersionView version(Caller caller, long version);

    /**
     * Validates the document (a 400 with every error, the active version staying) and stores it as active. A
     * document that weakens the one in force is refused (409, listing what) unless {@code confirmWeaken}.
     */
    PolicyVersionView update(Caller caller, Object document, boolean confirmWeaken);

    /** Makes an earlier (or any stored) version the active one: a rollback; weaker, only with {@code confirmWeaken}. */
    PolicyVersionView activate(Caller caller, long version, boolean confirmWeaken);
}
