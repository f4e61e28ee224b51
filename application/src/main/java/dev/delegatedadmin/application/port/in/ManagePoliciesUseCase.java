package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.port.out.PolicyVersion;
import java.util.List;

/** The policy document's versions: read, replace, roll back. Administrators only. */
public interface ManagePoliciesUseCase {

    PolicyVersion current(Caller caller);

    /** Newest first. */
    List<PolicyVersion> versions(Caller caller);

    PolicyVersion version(Caller caller, long version);

    /**
     * Validates the document (a 400 with every error, the active version staying) and stores it as active. A
     * document that weakens the one in force is refused (409, listing what) unless {@code confirmWeaken}.
     */
    PolicyVersion update(Caller caller, Object document, boolean confirmWeaken);

    /** Makes an earlier (or any stored) version the active one: a rollback; weaker, only with {@code confirmWeaken}. */
    PolicyVersion activate(Caller caller, long version, boolean confirmWeaken);
}
