package dev.delegatedadmin.adapters.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class AuditCursorTest {

    @Test
    void roundTrips() {
        assertThat(AuditCursor.decode(AuditCursor.encode(42))).hasValue(42);
        assertThat(AuditCursor.decode(AuditCursor.encode(Long.MAX_VALUE))).hasValue(Long.MAX_VALUE);
        assertThat(AuditCursor.encode(42)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(AuditCursor.decode(null)).isEmpty();
        assertThat(AuditCursor.decode("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "djE6", "djE6LTE", "djE6MDA", "MTI", "djE6OTk5OTk5OTk5OTk5OTk5OTk5OTk", "djE6OTIyMzM3MjAzNjg1NDc3NTgwOA"})
    void refusesAnythingItDidNotMake(String cursor) {
        assertThatThrownBy(() -> AuditCursor.decode(cursor))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("cursor")));
    }
}
