package dev.delegatedadmin.adapters.persistence.support;

import dev.delegatedadmin.application.error.StartupSettingException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.convert.DurationStyle;

/** A duration setting given as ISO-8601 ({@code P400D}, {@code PT12H}) or in Spring's style ({@code 400d}). */
public final class DurationSetting {

    private DurationSetting() {
    }

    /** Positive, else the start stops naming {@code setting}; {@code example} shows a valid value. */
    public static Duration positive(String setting, String value, String example) {
        String text = value.strip();
        String action = "Give an ISO-8601 duration such as " + example + ", or leave " + setting + " unset.";
        Duration duration;
        try {
            duration = text.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(text)
                    : DurationStyle.detectAndParse(text);
        } catch (RuntimeException e) {
            throw new StartupSettingException(setting, setting + " '" + text + "' is not a duration.", action);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new StartupSettingException(setting, setting + " must be positive.", action);
        }
        return duration;
    }
}
