package dev.delegatedadmin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegatedadmin.adapters.persistence.testsupport.TestDatabase;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 13 item 15: a request on a kept-alive connection during shutdown gets an answer, with {@code Connection:
 * close}, instead of a closed connection (Tomcat's graceful shutdown drops requests on idle kept-alive connections).
 */
class GracefulShutdownEndToEndTest {

    record Response(int status, Map<String, String> headers) {
    }

    @Test
    void a_request_on_a_kept_alive_connection_during_shutdown_is_answered_with_connection_close() throws Exception {
        Map<String, Object> properties = EndToEndSettings.externalDatabase(TestDatabase.freshDatabase());
        properties.put("BOOTSTRAP_ADMIN_PASSWORD", "Shutdown-admin-pass-1");
        properties.put("SHUTDOWN_DRAIN", "3s");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DelegatedAdminApplication.class)
                .properties(properties).run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        ShutdownDrain drain = context.getBean(ShutdownDrain.class);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Response before = exchange(in, out);
            assertThat(before.status()).isEqualTo(200);
            assertThat(before.headers().getOrDefault("connection", "")).doesNotContainIgnoringCase("close");

            Thread closer = Thread.ofPlatform().start(context::close);
            await().atMost(Duration.ofSeconds(10)).until(drain::draining);
            Response during = exchange(in, out);

            assertThat(during.status()).isEqualTo(200);
            assertThat(during.headers().get("connection")).isEqualToIgnoringCase("close");
            closer.join(Duration.ofSeconds(40));
            assertThat(closer.isAlive()).isFalse();
        } finally {
            context.close();
        }
    }

    private static Response exchange(InputStream in, OutputStream out) throws IOException {
        out.write("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        if (headers.containsKey("content-length")) {
            in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        }
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
