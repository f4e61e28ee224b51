package dev.delegatedadmin.adapters.web.audit;

import dev.delegatedadmin.adapters.web.http.RequestIdFilter;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.ListAuditEventsUseCase;
import dev.delegatedadmin.application.port.in.AuditCriteria;
import dev.delegatedadmin.application.port.in.AuditEventsPage;
import dev.delegatedadmin.application.port.in.AuditEventsQuery;
import dev.delegatedadmin.application.port.in.ExportAuditEventsUseCase;
import dev.delegatedadmin.application.port.in.VerifyAuditTrailUseCase;
import dev.delegatedadmin.domain.audit.AuditVerification;
import dev.delegatedadmin.domain.shared.Text;
import dev.delegatedadmin.domain.audit.AuditChange;
import dev.delegatedadmin.domain.audit.AuditDecision;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
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
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail, newest first: a page at a time as JSON, or all of it streamed as NDJSON or CSV (by
 * {@code Accept}). Operators and up; verifying the hash chain, administrators. The use cases check the roles.
 */
@RestController
public class AuditEventController {

    static final int DEFAULT_LIMIT = 50;

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    // PostgreSQL's timestamptz spans 4713 BC to 294276 AD; an audit filter needs far less, and Java's Instant far more.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ListAuditEventsUseCase listAuditEvents;
    private final ExportAuditEventsUseCase exportAuditEvents;
    private final VerifyAuditTrailUseCase verifyAuditTrail;
    private final JsonMapper json;
    private final ExportLimiter exports;

    AuditEventController(ListAuditEventsUseCase listAuditEvents, ExportAuditEventsUseCase exportAuditEvents,
                         VerifyAuditTrailUseCase verifyAuditTrail, JsonMapper json, ExportLimiter exports) {
        this.exports = exports;
        this.listAuditEvents = listAuditEvents;
        this.exportAuditEvents = exportAuditEvents;
        this.verifyAuditTrail = verifyAuditTrail;
        this.json = json;
    }

    @GetMapping("/api/v1/audit-events")
    AuditEventsResponse list(@Parameter(hidden = true) Caller caller,
                             @ParameterObject FilterParams params,
                             @RequestParam(required = false) @Nullable String cursor,
                             @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        List<FieldError> errors = new ArrayList<>();
        AuditCriteria criteria = criteria(params, errors);
        if (limit < 1 || limit > AuditEventsQuery.MAX_LIMIT) {
            errors.add(new FieldError("limit", "limit is between 1 and " + AuditEventsQuery.MAX_LIMIT + "."));
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
        return AuditEventsResponse.from(listAuditEvents.list(caller, new AuditEventsQuery(criteria, beforeId, limit)));
    }

    /**
     * The whole filtered trail, newest first, one JSON object per line, streamed from a database cursor straight to
     * the socket: memory stays bounded whatever the size. Same fields as the JSON list.
     */
    @GetMapping(value = "/api/v1/audit-events", produces = NDJSON)
    void exportNdjson(@Parameter(hidden = true) Caller caller,
                      @ParameterObject FilterParams params,
                      HttpServletResponse response) throws IOException {
        ExportAuditEventsUseCase.AuditExport export = export(caller, params);
        try (ExportLimiter.Permit permit = exports.acquire(caller.actor().id().value())) {
            stream(response, NDJSON, "ndjson", out ->
                    export.writeTo(event -> write(out, json.writeValueAsString(AuditEventResponse.from(event)) + "\n")));
        }
    }

    /** As {@link #exportNdjson}, as RFC 4180 CSV with a header row; cells are guarded against formula injection. */
    @GetMapping(value = "/api/v1/audit-events", produces = CSV)
    void exportCsv(@Parameter(hidden = true) Caller caller,
                   @ParameterObject FilterParams params,
                   HttpServletResponse response) throws IOException {
        ExportAuditEventsUseCase.AuditExport export = export(caller, params);
        try (ExportLimiter.Permit permit = exports.acquire(caller.actor().id().value())) {
            stream(response, CSV + ";charset=UTF-8", "csv", out -> {
                write(out, AuditCsv.HEADER);
                export.writeTo(event -> write(out, AuditCsv.row(AuditEventResponse.from(event), json)));
            });
        }
    }

    /** Walks the hash chain; 200 with the report whether or not it holds. Administrators only. */
    @GetMapping("/api/v1/audit-events/verify")
    AuditVerificationResponse verify(@Parameter(hidden = true) Caller caller) {
        return AuditVerificationResponse.from(verifyAuditTrail.verify(caller));
    }

    /** Validates and authorises before the response starts, so that refusals are still problem responses. */
    private ExportAuditEventsUseCase.AuditExport export(Caller caller, FilterParams params) {
        List<FieldError> errors = new ArrayList<>();
        AuditCriteria criteria = criteria(params, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return exportAuditEvents.export(caller, criteria);
    }

    /**
     * Streams the export. A failure before the first buffer went out (e.g. the database is away) leaves the
     * response uncommitted: it is reset, and the advice answers with a problem instead of an empty 200.
     */
    private static void stream(HttpServletResponse response, String contentType, String extension, Consumer<Writer> body)
            throws IOException {
        response.setStatus(200);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-events." + extension + "\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024);
        try {
            body.accept(out);
        } catch (RuntimeException e) {
            if (!response.isCommitted()) {
                String requestId = response.getHeader(RequestIdFilter.HEADER);
                response.reset();
                response.setHeader(RequestIdFilter.HEADER, requestId);
            }
            throw e;
        }
        out.close();
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            // The client went away: stop reading the cursor.
            throw new UncheckedIOException(e);
        }
    }

    /** The query parameters every audit read shares; bound by name from the query string. */
    record FilterParams(@Nullable String actor, @Nullable String target, @Nullable String action,
                        @Nullable String decision, @Nullable String outcome, @Nullable String rule,
                        @Nullable String department, @Nullable String from, @Nullable String to,
                        @BindParam("client_request_id") @Nullable String clientRequestId) {
    }

    private static AuditCriteria criteria(FilterParams params, List<FieldError> errors) {
        Optional<AuditAction> actionFilter = parse("action", params.action(), AuditAction::fromExternalName,
                Arrays.stream(AuditAction.values()).map(AuditAction::externalName).toList(), errors);
        Optional<AuditDecision> decisionFilter = parse("decision", params.decision(),
                name -> Arrays.stream(AuditDecision.values()).filter(d -> d.name().toLowerCase(Locale.ROOT).equals(name))
                        .findFirst(),
                Arrays.stream(AuditDecision.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList(), errors);
        Optional<AuditStatus> outcomeFilter = parse("outcome", params.outcome(), AuditStatus::fromExternalName,
                Arrays.stream(AuditStatus.values()).map(AuditStatus::externalName).toList(), errors);
        Optional<Instant> fromFilter = instant("from", params.from(), errors);
        Optional<Instant> toFilter = instant("to", params.to(), errors);
        Optional<String> ruleFilter = bounded("rule", params.rule(), errors);
        Optional<String> departmentFilter = bounded("department", params.department(), errors);
        return new AuditCriteria(bounded("actor", params.actor(), errors), bounded("target", params.target(), errors), actionFilter,
                decisionFilter, outcomeFilter, ruleFilter, departmentFilter, fromFilter, toFilter,
                bounded("client_request_id", params.clientRequestId(), errors));
    }

    /** Free-text filters are compared for equality; an absurdly long one is a mistake, not a search. */
    private static Optional<String> bounded(String field, @Nullable String value, List<FieldError> errors) {
        Optional<String> text = text(value);
        if (text.isPresent() && text.get().length() > 200) {
            errors.add(new FieldError(field, "At most 200 characters."));
            return Optional.empty();
        }
        if (text.isPresent() && !Text.isStorable(text.get())) {
            errors.add(new FieldError(field, Text.UNSTORABLE));
            return Optional.empty();
        }
        return text;
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
            Instant instant = Instant.parse(value.strip());
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                errors.add(new FieldError(field, "Must be between " + EARLIEST + " and " + LATEST + "."));
                return Optional.empty();
            }
            return Optional.of(instant);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Must be an ISO-8601 instant such as 2025-01-31T12:00:00Z."));
            return Optional.empty();
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuditEventsResponse(List<AuditEventResponse> events, @JsonProperty("next_cursor") @Nullable String nextCursor) {

        static AuditEventsResponse from(AuditEventsPage page) {
            return new AuditEventsResponse(
                    page.events().stream().map(AuditEventResponse::from).toList(),
                    page.nextBeforeId().isPresent() ? AuditCursor.encode(page.nextBeforeId().getAsLong()) : null);
        }
    }

    /**
     * One attempt, flat. {@code request_id} is the service's; {@code client_request_id} the {@code X-Request-Id} the
     * client sent. {@code changes} hold values with every secret redacted.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuditEventResponse(
            long id,
            @JsonProperty("occurred_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt,
            @JsonProperty("request_id") @Nullable String requestId,
            @JsonProperty("client_request_id") @Nullable String clientRequestId,
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
            @JsonProperty("completed_at") @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable Instant completedAt,
            @JsonProperty("target_department") @Nullable String targetDepartment,
            List<Map<String, Object>> changes) {

        static AuditEventResponse from(AuditEvent event) {
            AuditRecord record = event.record();
            return new AuditEventResponse(
                    event.id(),
                    record.occurredAt(),
                    record.requestId().orElse(null),
                    record.clientRequestId().orElse(null),
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
                    event.completedAt().orElse(null),
                    record.targetDepartment().orElse(null),
                    record.changes().stream().map(AuditEventResponse::change).toList());
        }

        /**
         * {@code {field, before?, after?}}, or {@code {field, redacted: true, after?}} for a secret, whose after is
         * only {@code "<redacted, changed>"} or {@code "<redacted, unchanged>"}; secrets inside values are the same.
         */
        private static Map<String, Object> change(AuditChange change) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("field", change.field());
            if (change.redacted()) {
                out.put("redacted", true);
                change.after().ifPresent(marker -> out.put("after", marker));
            } else {
                change.before().ifPresent(value -> out.put("before", value));
                change.after().ifPresent(value -> out.put("after", value));
            }
            return out;
        }
    }

    /**
     * {@code truncated}: the database no longer holds seals that the latest checkpoint outside it proves existed
     * ({@code missing_from_seq} to {@code missing_to_seq}); {@code anchor}: that checkpoint, if any; {@code archived}:
     * the seals retention moved to archive files (1 to {@code to_seq}), after which the database's chain resumes.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AuditVerificationResponse(
            boolean intact,
            @JsonProperty("sealed_rows") long sealedRows,
            @JsonProperty("unsealed_rows") long unsealedRows,
            @JsonProperty("head_hash") @Nullable String headHash,
            @JsonProperty("first_broken") @Nullable BrokenLinkResponse firstBroken,
            boolean truncated,
            @JsonProperty("missing_from_seq") @Nullable Long missingFromSeq,
            @JsonProperty("missing_to_seq") @Nullable Long missingToSeq,
            @Nullable AnchorResponse anchor,
            @Nullable ArchivedResponse archived) {

        static AuditVerificationResponse from(AuditVerification verification) {
            return new AuditVerificationResponse(verification.intact(), verification.sealedRows(),
                    verification.unsealed(), verification.headHash().orElse(null),
                    verification.firstBroken().map(b -> new BrokenLinkResponse(b.sequence(), b.kind(), b.rowId(),
                            b.reason())).orElse(null),
                    verification.truncated().isPresent(),
                    verification.truncated().map(AuditVerification.Truncation::fromSequence).orElse(null),
                    verification.truncated().map(AuditVerification.Truncation::toSequence).orElse(null),
                    verification.anchor().map(a -> new AnchorResponse(a.sequence(), a.hash(), a.at())).orElse(null),
                    verification.archived().map(a -> new ArchivedResponse(1, a.toSequence(), a.lastHash(), a.at()))
                            .orElse(null));
        }
    }

    record AnchorResponse(long seq, String hash, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at) {
    }

    record ArchivedResponse(@JsonProperty("from_seq") long fromSeq, @JsonProperty("to_seq") long toSeq,
                            @JsonProperty("last_hash") String lastHash,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at) {
    }

    record BrokenLinkResponse(long sequence, String kind, @JsonProperty("row_id") long rowId, String reason) {
    }
}
