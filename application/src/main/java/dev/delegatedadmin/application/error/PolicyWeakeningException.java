package dev.delegatedadmin.application.error;

import java.util.List;

/** 409: the policy change removes or weakens protections and was not confirmed ({@code ?confirm=weaken}). */
public final class PolicyWeakeningException extends ApplicationException {

    private final List<String> weakens;

    public PolicyWeakeningException(List<String> weakens) {
        super("This policy change weakens protections; send it again with ?confirm=weaken to apply it.", null);
        this.weakens = List.copyOf(weakens);
    }

    /** One sentence per weakened protection. */
    public List<String> weakens() {
        return weakens;
    }
}
