package dev.delegatedadmin.application.error;

/** 403: a policy rule or a missing role refused the attempt; {@code rule} is the rule's id. */
public final class DeniedException extends ApplicationException {

    private final String rule;

    public DeniedException(String rule, String message) {
        super(message, null);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
