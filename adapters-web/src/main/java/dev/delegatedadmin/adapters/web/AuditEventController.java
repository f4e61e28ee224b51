package dev.delegatedadmin.adapters.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.ListAuditEventsUseCase;
import dev.delegatedadmin.application.port.out.AuditEventPage;
import dev.delegatedadmin.application.port.out.AuditQuery;
import dev.delegatedadmin.domain.audit.AuditAction;
import dev.delegatedadmin.domain.audit.AuditEvent;
import dev.delegatedadmin.domain.audit.AuditRecord;
import dev.delegatedadmin.domain.audit.AuditStatus;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first, a page at a time. Operators and up; the use case checks that. */
@RestController
class AuditEventController {

    static final int DEFAULT_LIMIT = 50;

    private final ListAuditEventsUseCase listAuditEvents;

    AuditEventController(ListAuditEventsUseCase listAuditEvents) {
        this.listAuditEvents = listAuditEvents;
    }

    @GetMapping("/api/v1/audit-events")
    AuditEventsResponse list(@Parameter(hidden = true) Caller caller,
                             @RequestParam(required = false) @Nullable String actor,
                             @RequestParam(required = false) @Nullable String target,
                             @RequestParam(required = false) @Nullable String action,
                             @RequestParam(required = false) @Nullable String outcome,
                             @RequestParam(required = false) @Nullable String from,
                             @RequestParam(required = false) @Nullable String to,
                             @RequestParam(required = false) @Nullable String cursor,
                             @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        List<FieldError> errors = new ArrayList<>();
        Optional<AuditAction> actionFilter = parse("action", action, AuditAction::fromExternalName,
                Arrays.stream(AuditAction.values()).map(AuditAction::externalName).toList(), errors);
        Optional<AuditStatus> outcomeFilter = parse("outcome", outcome, AuditStatus::fromExternalName,
                Arrays.stream(AuditStatus.values()).map(AuditStatus::externalName).toList(), errors);
        Optional<Instant> fromFilter = instant("from", from, errors);
        Optional<Instant> toFilter = instant("to", to, errors);
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            errors.add(new FieldError("limit", "limit is between 1 and " + AuditQuery.MAX_LIMIT + "."));
        }
        OptionalLong beforeId = OptionalLong.empty();
        try {
            beforeId = AuditCursor.decode(cursor);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        AuditQuery query = new AuditQuery(text(actor), text(target), actionFilter, outcomeFilter, fromFilter, toFilter,
                beforeId, limit);
        return AuditEventsResponse.from(listAuditEvents.list(caller, query));
    }

    private static Optional<String> text(@Nullable String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static <T> Optional<T> parse(String field, @Nullable String value, Function<String, Optional<T>> lookup,
                                         List<String> allowed, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<T> parsed = lookup.apply(value.strip().toLowerCase(Locale.ROOT));
        if (parsed.isEmpty()) {
            errors.add(new FieldError(field, "Must be one of " + String.join(", ", allowed) + "."));
        }
        return parsed;
    }

    private static Optional<Instant> instant(String field, @Nullable String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Must be an ISO-8601 instant such as 2025-01-31T12:00:00Z."));
            return Optional.empty();
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuditEventsResponse(List<AuditEventResponse> events, @JsonProperty("next_cursor") @Nullable String nextCursor) {

        static AuditEventsResponse from(AuditEventPage page) {
            return new AuditEventsResponse(
                    page.events().stream().map(AuditEventResponse::from).toList(),
                    page.nextBeforeId().isPresent() ? AuditCursor.encode(page.nextBeforeId().getAsLong()) : null);
        }
    }

    /** One attempt, flat. {@code changed_fields} are names only: the trail never holds values. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuditEventResponse(
            long id,
            @JsonProperty("occurred_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt,
            @JsonProperty("request_id") @Nullable String requestId,
            @JsonProperty("actor_id") @Nullable String actorId,
            @JsonProperty("actor_email") @Nullable String actorEmail,
            @JsonProperty("actor_department") @Nullable String actorDepartment,
            String action,
            @JsonProperty("target_id") @Nullable String targetId,
            @JsonProperty("target_email") @Nullable String targetEmail,
            String decision,
            @Nullable String rule,
            @Nullable String message,
            @JsonProperty("changed_fields") List<String> changedFields,
            String status,
            @Nullable String detail,
            @JsonProperty("completed_at") @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable Instant completedAt) {

        static AuditEventResponse from(AuditEvent event) {
            AuditRecord record = event.record();
            return new AuditEventResponse(
                    event.id(),
                    record.occurredAt(),
                    record.requestId().orElse(null),
                    record.actorId().orElse(null),
                    record.actorEmail().orElse(null),
                    record.actorDepartment().orElse(null),
                    record.action().externalName(),
                    record.targetId().orElse(null),
                    record.targetEmail().orElse(null),
                    record.decision().name().toLowerCase(Locale.ROOT),
                    record.rule().orElse(null),
                    record.message().orElse(null),
                    record.changedFields(),
                    event.status().externalName(),
                    event.outcomeDetail().orElse(null),
                    event.completedAt().orElse(null));
        }
    }
}
