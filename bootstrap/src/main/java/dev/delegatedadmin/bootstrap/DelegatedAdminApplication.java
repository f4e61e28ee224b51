package dev.delegatedadmin.bootstrap;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The runnable service. Scans only this package: adapters come in through their configurations. {@code verify-audit}
 * as the first argument runs {@link VerifyAuditCommand} instead, without Spring or the web server.
 */
@SpringBootApplication
public class DelegatedAdminApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(VerifyAuditCommand.NAME)) {
            System.exit(VerifyAuditCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out,
                    System.err));
        }
        SpringApplication.run(DelegatedAdminApplication.class, args);
    }
}
