package dev.delegatedadmin.domain.policy;

import dev.delegatedadmin.domain.user.MetadataPatch;
import dev.delegatedadmin.domain.user.User;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether a write changes one field of the stored user; setting a field to its current value is no change. */
final class FieldChange {

    /** {@code email}, {@code password}, {@code blocked}, {@code memberships} or a metadata path. */
    static final String MEMBERSHIPS = "memberships";

    private FieldChange() {
    }

    static boolean changes(String field, WriteContext context) {
        WritePayload payload = context.payload();
        Optional<User> original = context.originalUser();
        return switch (field) {
            case "email" -> payload.email().isPresent()
                    && !payload.email().equals(original.map(User::email));
            case "password" -> payload.password().isPresent();
            case "blocked" -> payload.blocked().isPresent()
                    && !payload.blocked().get().equals(original.map(User::blocked).orElse(false));
            // Only the first membership is stored (as the department): anything but exactly it is a move.
            case MEMBERSHIPS -> payload.memberships().isPresent()
                    && !payload.memberships().get().equals(original.flatMap(User::department).map(List::of).orElse(List.of()));
            default -> {
                FieldPath path = FieldPath.parse(field);
                MetadataPatch requested = path.kind().requested(payload);
                Object before = original.map(u -> path.kind() == MetadataKind.USER_METADATA
                        ? u.userMetadata() : u.appMetadata()).flatMap(m -> m.get(path.key())).orElse(null);
                if (requested.touches(path.key())) {
                    yield !Objects.equals(requested.valueOf(path.key()), before);
                }
                yield requested.replacesAll() && before != null;
            }
        };
    }
}
