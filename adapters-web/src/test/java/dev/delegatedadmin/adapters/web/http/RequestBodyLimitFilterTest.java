package dev.delegatedadmin.adapters.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.adapters.web.http.RequestBodyLimitFilter.RequestBodyTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

public class RequestBodyLimitFilterTest {

    @Test
    void theDefaultLimitIs64KiB() {
        assertThat(RequestBodyLimitFilter.DEFAULT_MAX_BYTES).isEqualTo(65536);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/users");
        request.setContent(new byte[11]);

        assertThatThrownBy(() -> new RequestBodyLimitFilter(10).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> { throw new AssertionError("must not reach the chain"); }))
                .isInstanceOf(RequestBodyTooLargeException.class);
    }

    @Test
    void anUndeclaredLengthIsCountedWhileReading() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/users") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked
            }
        };
        request.setContent(new byte[11]);
        AtomicReference<Exception> thrown = new AtomicReference<>();

        new RequestBodyLimitFilter(10).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            try {
                ((HttpServletRequest) req).getInputStream().readAllBytes();
            } catch (Exception e) {
                thrown.set(e);
            }
        });

        assertThat(thrown.get()).isInstanceOf(RequestBodyTooLargeException.class);
    }

    @Test
    void aBodyAtTheLimitPasses() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/users");
        request.setContent("0123456789".getBytes());
        AtomicReference<String> read = new AtomicReference<>();

        new RequestBodyLimitFilter(10).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> read.set(((HttpServletRequest) req).getReader().readLine()));

        assertThat(read.get()).isEqualTo("0123456789");
    }
}
