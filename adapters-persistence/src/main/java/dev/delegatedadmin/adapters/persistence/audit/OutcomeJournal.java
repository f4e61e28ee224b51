package dev.delegatedadmin.adapters.persistence.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit outcomes the database could not take, kept on local disk until it can: one JSON line per outcome, each
 * append fsynced before the request that produced it answers. Created only when needed (it may sit in the embedded
 * database's directory, which must be empty on its first start). A lock file serialises appends and rewrites across
 * processes sharing the directory; a rewrite replaces the file atomically.
 */
public final class OutcomeJournal {

    /** One outcome as {@link JooqAuditTrail#complete} would have written it. */
    record Entry(long eventId, String outcome, Optional<String> detail, Instant completedAt) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path file;
    private final Path lockFile;

    public OutcomeJournal(Path file) {
        this.file = file.toAbsolutePath();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
    }

    Path file() {
        return file;
    }

    boolean isEmpty() {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Appends and fsyncs; returns only once the entry is on disk. */
    synchronized void append(Entry entry) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("event_id", entry.eventId());
        json.put("outcome", entry.outcome());
        json.put("detail", entry.detail().orElse(null));
        json.put("completed_at", entry.completedAt().toString());
        byte[] line = (MAPPER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        locked(() -> {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return null;
        });
    }

    /** Every entry, oldest first; a torn last line (a crash during an append) is skipped. */
    synchronized List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        return locked(() -> Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .flatMap(line -> parse(line).stream())
                .toList());
    }

    /** Drops the entries of these events (recorded, or set aside), keeping anything appended meanwhile. */
    synchronized void remove(Set<Long> eventIds) {
        if (eventIds.isEmpty() || !Files.exists(file)) {
            return;
        }
        locked(() -> {
            List<String> kept = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .filter(line -> parse(line).map(entry -> !eventIds.contains(entry.eventId())).orElse(false))
                    .toList();
            Path next = file.resolveSibling(file.getFileName() + ".next");
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] bytes = kept.stream().map(line -> line + "\n").reduce("", String::concat)
                        .getBytes(StandardCharsets.UTF_8);
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return null;
        });
    }

    private static Optional<Entry> parse(String line) {
        try {
            Map<?, ?> json = MAPPER.readValue(line, Map.class);
            return Optional.of(new Entry(((Number) json.get("event_id")).longValue(), (String) json.get("outcome"),
                    Optional.ofNullable((String) json.get("detail")), Instant.parse((String) json.get("completed_at"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private <T> T locked(Io<T> work) {
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lock.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The audit outcome journal " + file + " could not be used", e);
        }
    }
}
