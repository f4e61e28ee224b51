package dev.delegatedadmin.adapters.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

public class ExportLimiterTest {

    @Test
    void two_per_caller_four_in_all_and_a_released_slot_is_free_again() {
        ExportLimiter limiter = new ExportLimiter(4, 2);
        ExportLimiter.Permit a1 = limiter.acquire("a");
        limiter.acquire("a");
        assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(ExportLimiter.BusyException.class)
                .hasMessageContaining("already run 2");
        limiter.acquire("b");
        limiter.acquire("c");
        assertThatThrownBy(() -> limiter.acquire("d")).isInstanceOf(ExportLimiter.BusyException.class)
                .hasMessageContaining("Too many");

        a1.close();
        a1.close(); // once only
        assertThat(limiter.acquire("d")).isNotNull();
        assertThatThrownBy(() -> limiter.acquire("e")).isInstanceOf(ExportLimiter.BusyException.class);
        // A refusal by the global bound did not leave a count behind for its caller.
        assertThatThrownBy(() -> limiter.acquire("a")).hasMessageContaining("Too many");
    }
}
