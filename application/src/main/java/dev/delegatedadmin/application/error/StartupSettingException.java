package dev.delegatedadmin.application.error;

import java.util.Objects;

/**
 * A setting that stops the start: which one, what is wrong with it (the message) and what to do. Not a request
 * error (it is no {@link ApplicationException}); the start-up failure analyzer prints it as one paragraph. The
 * message never holds the setting's value when that is a secret.
 */
public final class StartupSettingException extends IllegalStateException {

    private final String setting;
    private final String action;

    public StartupSettingException(String setting, String problem, String action) {
        super(Objects.requireNonNull(problem, "problem"));
        this.setting = Objects.requireNonNull(setting, "setting");
        this.action = Objects.requireNonNull(action, "action");
    }

    public StartupSettingException(String setting, String problem, String action, Throwable cause) {
        this(setting, problem, action);
        initCause(cause);
    }

    /** The environment variable(s), e.g. {@code LOGIN_EVENTS_SECRET}. */
    public String setting() {
        return setting;
    }

    public String action() {
        return action;
    }
}
