package dev.delegatedadmin.adapters.persistence.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed checkpoints of the chain's head, kept outside the database: one JSON object per line in an append-only file
 * (fsynced), each signed with HMAC-SHA256 under a key that is not in the database either (a key file, mode 0600, or
 * {@code AUDIT_ANCHOR_KEY}). Someone who can rewrite the database but not this file or key cannot make a checkpoint
 * agree with a shortened or rewritten chain.
 */
public final class AuditAnchor {

    /** The head at {@code seq} had {@code hash} (hex) at {@code at}, as seen by {@code instance}. */
    public record Checkpoint(long seq, String hash, Instant at, String instance, String signature) {

        public Checkpoint {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(signature, "signature");
        }

        /** Safe to log and to send: it holds no secret. */
        public String json() {
            return "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\",\"at\":\"" + at + "\",\"instance\":\"" + instance
                    + "\",\"signature\":\"" + signature + "\"}";
        }
    }

    public static final String FILE_NAME = "audit-anchors.ndjson";
    public static final String KEY_FILE_NAME = "audit-anchor.key";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int TAIL = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(AuditAnchor.class.getName());

    private final Path file;
    private final SecretKeySpec key;

    public AuditAnchor(Path file, byte[] key) {
        this.file = Objects.requireNonNull(file, "file");
        if (key.length < 32) {
            throw new IllegalArgumentException("The audit anchor key needs at least 32 bytes.");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * The configured key ({@code AUDIT_ANCHOR_KEY}, at least 32 characters) if any, else the key file, created with
     * 32 random bytes (mode 0600, written aside and linked into place, so no reader ever sees it half written).
     */
    public static byte[] key(String configured, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalArgumentException("AUDIT_ANCHOR_KEY needs at least 32 characters.");
            }
            return bytes;
        }
        try {
            if (!Files.exists(keyFile)) {
                createKeyFile(keyFile);
            }
            return Base64.getDecoder().decode(Files.readString(keyFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit anchor key " + keyFile, e);
        }
    }

    private static void createKeyFile(Path keyFile) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path temporary = keyFile.resolveSibling(keyFile.getFileName() + "." + System.nanoTime() + ".tmp");
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(Base64.getEncoder().encode(bytes)));
                channel.force(true);
            }
            Files.createLink(keyFile, temporary);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first: use theirs.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public Path file() {
        return file;
    }

    /** {@code instance} is kept to characters that need no escaping in JSON or logs. */
    public Checkpoint sign(long seq, String hash, Instant at, String instance) {
        String safe = instance.replaceAll("[^A-Za-z0-9._:-]", "");
        return new Checkpoint(seq, hash, at, safe, signature(seq, hash, at, safe));
    }

    /** Appends one line and forces it to disk before returning. */
    public synchronized void append(Checkpoint checkpoint) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            try (FileChannel channel = Files.exists(file) ? FileChannel.open(file, options)
                    : FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
                channel.write(ByteBuffer.wrap((checkpoint.json() + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the audit anchor file " + file, e);
        }
    }

    /**
     * The checkpoint with the highest sequence number whose signature holds, read from the file's tail (the whole
     * file only if the tail holds none). Lines whose signature fails are skipped and logged.
     */
    public Optional<Checkpoint> latest() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            Optional<Checkpoint> found = latest(raf, Math.max(0, length - TAIL), length);
            return found.isPresent() || length <= TAIL ? found : latest(raf, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchor file " + file, e);
        }
    }

    private Optional<Checkpoint> latest(RandomAccessFile raf, long from, long to) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(to - from)];
        raf.seek(from);
        raf.readFully(bytes);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        Checkpoint best = null;
        // The first line of a tail may be cut: it then fails to parse and is skipped.
        for (int i = from == 0 ? 0 : 1; i < lines.length; i++) {
            Optional<Checkpoint> checkpoint = parse(lines[i]);
            if (checkpoint.isPresent() && (best == null || checkpoint.get().seq() >= best.seq())) {
                best = checkpoint.get();
            }
        }
        return Optional.ofNullable(best);
    }

    private Optional<Checkpoint> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(line);
            Checkpoint checkpoint = new Checkpoint(node.get("seq").asLong(), node.get("hash").asString(),
                    Instant.parse(node.get("at").asString()), node.get("instance").asString(),
                    node.get("signature").asString());
            String expected = signature(checkpoint.seq(), checkpoint.hash(), checkpoint.at(), checkpoint.instance());
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    checkpoint.signature().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(checkpoint);
            }
            LOG.log(System.Logger.Level.WARNING, "An audit checkpoint in " + file + " has a wrong signature: ignored");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "An unreadable line in " + file + " was ignored");
        }
        return Optional.empty();
    }

    private String signature(long seq, String hash, Instant at, String instance) {
        return hmac("audit-checkpoint/v1\n" + seq + "\n" + hash + "\n" + at + "\n" + instance);
    }

    /** HMAC-SHA256 (hex) under this anchor's key; each kind of signed text starts with its own prefix. */
    String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
