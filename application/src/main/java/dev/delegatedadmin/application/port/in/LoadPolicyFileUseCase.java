package dev.delegatedadmin.application.port.in;

import java.util.Optional;

/** POLICY_FILE at start: a changed file becomes the active version, an unchanged one changes nothing. */
public interface LoadPolicyFileUseCase {

    /**
     * {@code contentHash} identifies the file's bytes. Returns the new version, or empty when unchanged.
     * An invalid document is an {@code InvalidInputException} listing every error.
     */
    Optional<PolicyVersionView> loadFile(String sourceName, String contentHash, Object document);
}
