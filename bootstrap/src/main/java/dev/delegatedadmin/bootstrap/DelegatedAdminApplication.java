package dev.delegatedadmin.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The runnable service. Scans only this package: adapters come in through their configurations. */
@SpringBootApplication
public class DelegatedAdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(DelegatedAdminApplication.class, args);
    }
}
