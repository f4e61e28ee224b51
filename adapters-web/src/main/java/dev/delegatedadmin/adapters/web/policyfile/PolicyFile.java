package dev.delegatedadmin.adapters.web.policyfile;

import dev.delegatedadmin.application.error.StartupSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The policy document on disk: YAML (JSON is YAML too), read into a plain tree for the domain to validate.
 * Only plain data is constructed (no YAML tags to Java types), duplicate keys are refused, and the hash is of
 * the file's bytes, so that an unchanged file is recognised at the next start. {@link PolicyFileLoader} hands it to
 * the use case.
 */
public record PolicyFile(String sourceName, String contentHash, Object tree) {

    public static final String SHIPPED_DEFAULT = "policy/default-policy.yaml";
    private static final int MAX_BYTES = 1024 * 1024;

    /** {@code location} blank: the shipped default from the classpath. */
    public static PolicyFile read(String location) {
        if (location == null || location.isBlank()) {
            try (InputStream in = PolicyFile.class.getClassLoader().getResourceAsStream(SHIPPED_DEFAULT)) {
                if (in == null) {
                    throw new IllegalStateException("The shipped default policy " + SHIPPED_DEFAULT + " is missing.");
                }
                return parse("classpath:" + SHIPPED_DEFAULT, in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the shipped default policy.", e);
            }
        }
        Path path = Path.of(location);
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw invalid("POLICY_FILE " + path + " is larger than 1 MiB.", null);
            }
            return parse(path.toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw invalid("Cannot read POLICY_FILE " + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    public static PolicyFile parse(String sourceName, byte[] bytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_BYTES);
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(options)).load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw invalid("POLICY_FILE " + sourceName + " is not valid YAML: " + e.getMessage(), e);
        }
        return new PolicyFile(sourceName, sha256(bytes), plain(tree));
    }

    /** A POLICY_FILE that stops the start. */
    static StartupSettingException invalid(String problem, Throwable cause) {
        String action = "Fix the document (docs/policy.md; the shipped default is " + SHIPPED_DEFAULT
                + "), or unset POLICY_FILE to start with the shipped default.";
        return cause == null ? new StartupSettingException("POLICY_FILE", problem, action)
                : new StartupSettingException("POLICY_FILE", problem, action, cause);
    }

    /** YAML turns an unquoted 2027-03-31 into a Date; the document wants the text back. */
    private static Object plain(Object node) {
        return switch (node) {
            case Date date -> {
                var instant = date.toInstant();
                LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
                yield instant.equals(day.atStartOfDay(ZoneOffset.UTC).toInstant()) ? day.toString() : instant.toString();
            }
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((key, value) -> copy.put(key instanceof Date ? plain(key) : key, plain(value)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(plain(item)));
                yield copy;
            }
            case null, default -> node;
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
