package dev.delegatedadmin.benchmarks;

import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.actor.Role;
import dev.delegatedadmin.domain.actor.Scope;
import dev.delegatedadmin.domain.department.Department;
import dev.delegatedadmin.domain.department.DepartmentSettings;
import dev.delegatedadmin.domain.policy.ConnectionFacts;
import dev.delegatedadmin.domain.policy.PolicyDecision;
import dev.delegatedadmin.domain.policy.WriteContext;
import dev.delegatedadmin.domain.policy.WriteMethod;
import dev.delegatedadmin.domain.policy.WritePayload;
import dev.delegatedadmin.domain.policy.WritePolicy;
import dev.delegatedadmin.domain.user.ConnectionName;
import dev.delegatedadmin.domain.user.Email;
import dev.delegatedadmin.domain.user.Metadata;
import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.Password;
import dev.delegatedadmin.domain.user.User;
import dev.delegatedadmin.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shipped default write policy in-process: a Finance user-admin creating a Finance user, and updating one
 * (a user_metadata change), context construction included since the service builds one per request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class PolicyBenchmark {

    private static final Department FINANCE = new Department("Finance");
    private static final DepartmentSettings DEPARTMENTS = new DepartmentSettings(
            Set.of(FINANCE, new Department("HR"), new Department("IT")), Set.of(new Department("IT")));
    private static final ConnectionFacts ONLY_DEFAULT_DB = c -> c.equals(ConnectionName.DEFAULT_DATABASE);

    private final WritePolicy policy = WritePolicy.shippedDefault(DEPARTMENTS);
    private final Actor kelly = new Actor(new UserId("auth0|kelly"), "kelly@example.com", Optional.of(FINANCE),
            Set.of(Role.USER_ADMIN));
    private final Scope scope = Scope.of(kelly, DEPARTMENTS);
    private final WritePayload create = WritePayload.empty().withEmail(new Email("frank@example.com"))
            .withPassword(new Password("Frank-pass-1234")).withMemberships(List.of(FINANCE))
            .withUserMetadata(MetadataPatch.of(Map.of("desk", "4.12")));
    private final WritePayload update = WritePayload.empty()
            .withUserMetadata(MetadataPatch.of(Map.of("desk", "5.01")));
    private final User frank = new User(new UserId("auth0|frank"), new Email("frank@example.com"),
            ConnectionName.DEFAULT_DATABASE, true, false,
            new Metadata(Map.of("desk", "4.12", "prefs", Map.of("lang", "en"))),
            new Metadata(Map.of("department", "Finance")), Instant.EPOCH, Instant.EPOCH, 3, Optional.empty());

    @Benchmark
    public PolicyDecision create() {
        return policy.evaluate(new WriteContext(WriteMethod.CREATE, kelly, scope, create, Optional.empty(),
                ONLY_DEFAULT_DB));
    }

    @Benchmark
    public PolicyDecision update() {
        return policy.evaluate(new WriteContext(WriteMethod.UPDATE, kelly, scope, update, Optional.of(frank),
                ONLY_DEFAULT_DB));
    }
}
