package dev.delegatedadmin.adapters.persistence.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.util.PasswordUtil;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the embedded cluster demand the superuser's password, on a new data directory (zonky's initdb trusts every
 * local connection) and on one written by an older version alike: runs between initdb and the server's start.
 *
 * <p>pg_hba.conf is replaced by password-only (SCRAM) rules; the superuser's password, kept in
 * {@code db-superuser.secret}, is set in single-user mode (no server, no connection), so the cluster never accepts
 * a connection without it. That step runs only when needed: a new secret or a pg_hba.conf not written here.
 */
final class PasswordAuthentication {

    static final String SUPERUSER = "postgres";
    static final String SUPERUSER_SECRET = "db-superuser.secret";
    static final String HBA_MARKER = "# Written by delegated-admin: SCRAM passwords only, no trust.";
    private static final String HBA = HBA_MARKER + "\n"
            + "# Replaced on every start; the server listens on 127.0.0.1 only, without a Unix socket.\n"
            + "local   all   all                  scram-sha-256\n"
            + "host    all   all   127.0.0.1/32   scram-sha-256\n";
    private static final long SINGLE_USER_TIMEOUT_SECONDS = 120;

    private PasswordAuthentication() {
    }

    /** The binaries that zonky extracts, and the directory it extracts them to: for the single-user step. */
    static final class Binaries implements PgBinaryResolver {
        static final Binaries INSTANCE = new Binaries();
        private volatile String digest;

        // Zonky names the extracted directory PG-<md5 of the archive>; this records the digest as zonky reads it.
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
            if (archive == null) {
                return null;
            }
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return new FilterInputStream(new DigestInputStream(archive, md5)) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    super.close();
                    if (!closed) { // Zonky closes it twice; the second digest would be of nothing.
                        closed = true;
                        digest = HexFormat.of().formatHex(md5.digest());
                    }
                }
            };
        }

        /** Zonky's own default working directory, passed to it explicitly so that it is known here. */
        static Path workingDirectory() {
            String temporary = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();
            return Path.of(System.getProperty("ot.epg.working-dir", temporary));
        }

        Path postgres() {
            if (digest == null) {
                throw new IllegalStateException("The PostgreSQL binaries have not been prepared");
            }
            return workingDirectory().resolve("PG-" + digest).resolve("bin").resolve("postgres");
        }
    }

    /**
     * Called by zonky after initdb (if it ran) and before the server starts. {@code password} is the one in
     * {@link #SUPERUSER_SECRET}, or a new one ({@code isNew}) that is written there first.
     */
    static void secure(Path dataDirectory, Path postgres, String password, boolean isNew) {
        try {
            Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
            if (isNew) {
                SecretFile.write(dataDirectory.resolve(SUPERUSER_SECRET), password);
            }
            Path hba = dataDirectory.resolve("pg_hba.conf");
            boolean hbaIsOurs = Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER);
            if (isNew || !hbaIsOurs) {
                setSuperuserPassword(dataDirectory, postgres, password);
            }
            Path temporary = Files.createTempFile(dataDirectory, "pg_hba.conf.", ".tmp",
                    PosixFilePermissions.asFileAttribute(SecretFile.OWNER_ONLY));
            Files.writeString(temporary, HBA);
            Files.move(temporary, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Only the SCRAM verifier reaches the process (never the password), and its output is not logged.
    private static void setSuperuserPassword(Path dataDirectory, Path postgres, String password) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // As zonky runs its binaries: PostgreSQL refuses root.
        }
        command.addAll(List.of(postgres.toString(), "--single", "-D", dataDirectory.toString(), SUPERUSER));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        try (OutputStream input = process.getOutputStream()) {
            input.write(("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + verifier + "'\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // It exited before reading its input: its output says why.
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream stream = process.getInputStream()) {
            stream.transferTo(output);
            String text = output.toString(StandardCharsets.UTF_8);
            // Single-user mode exits with 0 after a failed statement: its messages tell.
            if (!process.waitFor(SINGLE_USER_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0
                    || text.contains("ERROR:") || text.contains("FATAL:")) {
                process.destroyForcibly();
                throw new IllegalStateException("Could not set the embedded PostgreSQL superuser's password (single-user"
                        + " mode): " + text.replaceAll("SCRAM-SHA-256\\$\\S*", "<verifier>"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while setting the embedded PostgreSQL superuser's password", e);
        }
    }
}
