package dev.delegatedadmin.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Run by hand (surefire's default includes skip it): {@code ./mvnw -B -ntp -o -pl bootstrap -am verify
 * -Dtest=SharedRateBudgetBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Two and three instances on one
 * database against a stub tenant allowing 15 Management API calls/s (bursts of 15, 429 beyond), 8 closed-loop
 * clients per instance, loopback only, about four minutes in all. The "budget off" row gives each instance a
 * budget far above the tenant's, which is how instances behaved before the shared bucket. Prints the table of
 * docs/benchmarks.md.
 */
class SharedRateBudgetBenchmark {

    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

    @Test
    void calls_offered_and_refused_with_two_and_three_instances() throws InterruptedException {
        List<String> rows = new ArrayList<>();
        rows.add(run(2, "15", "15", "shared budget 15/s"));
        rows.add(run(3, "15", "15", "shared budget 15/s"));
        rows.add(run(2, "1000", "1000", "budget off"));
        System.out.println("| instances | clients | tenant calls/s offered | accepted/s | sent | refused (429) |"
                + " refused share | statuses seen by callers | mode |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(int count, String limit, String burst, String mode) throws InterruptedException {
        try (Auth0Instances instances = new Auth0Instances(15, 15)) {
            String adminId = instances.fake.seed("admin@example.com",
                    Map.of("department", "IT", "roles", List.of("administrator")));
            instances.start(count, Map.of("AUTH0_RATE_LIMIT", limit, "AUTH0_RATE_BURST", burst,
                    "logging.level.dev.delegatedadmin", "ERROR"));
            BudgetLoad.Result result = BudgetLoad.run(instances, "/api/v1/users/" + adminId.replace("|", "%7C"),
                    instances.token(adminId), 8, WARMUP, MEASURED);
            return result.row() + " " + mode + " |";
        }
    }
}
