package dev.delegatedadmin.adapters.web.policyfile;

import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.port.in.LoadPolicyFileUseCase;
import dev.delegatedadmin.application.port.in.PolicyVersionView;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driving adapter of POLICY_FILE: reads the file once at start (blank: the shipped default) and hands it to
 * {@link LoadPolicyFileUseCase}. An unreadable or invalid file is a {@code StartupSettingException} naming
 * POLICY_FILE and listing every error, so that the start stops with a message an operator can act on.
 */
public final class PolicyFileLoader {

    private static final Logger log = LoggerFactory.getLogger(PolicyFileLoader.class);

    private final LoadPolicyFileUseCase useCase;

    public PolicyFileLoader(LoadPolicyFileUseCase useCase) {
        this.useCase = useCase;
    }

    /** The version the file became, or empty when it had not changed since it was last loaded. */
    public Optional<PolicyVersionView> load(String location) {
        PolicyFile file = PolicyFile.read(location);
        try {
            Optional<PolicyVersionView> loaded = useCase.loadFile(file.sourceName(), file.contentHash(), file.tree());
            loaded.ifPresentOrElse(
                    version -> log.info("Policy file {} stored as version {}, now active", file.sourceName(),
                            version.version()),
                    () -> log.info("Policy file {} unchanged since it was last loaded", file.sourceName()));
            return loaded;
        } catch (InvalidInputException e) {
            throw PolicyFile.invalid("POLICY_FILE " + file.sourceName() + " is not a valid policy document:"
                    + e.errors().stream().map(error -> "\n  " + error.field() + ": " + error.message())
                    .collect(Collectors.joining()), null);
        }
    }
}
