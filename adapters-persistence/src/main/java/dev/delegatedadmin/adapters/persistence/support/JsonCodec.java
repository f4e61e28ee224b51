package dev.delegatedadmin.adapters.persistence.support;

import dev.delegatedadmin.domain.audit.AuditChange;
import dev.delegatedadmin.domain.user.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.JSON;
import org.jooq.JSONB;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** jsonb columns to and from domain values. Numbers keep their precision: floats are read as BigDecimal. */
public final class JsonCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> CHANGES = new TypeReference<>() {
    };

    private JsonCodec() {
    }

    public static JSONB toJsonb(Metadata metadata) {
        return JSONB.valueOf(MAPPER.writeValueAsString(metadata.values()));
    }

    public static Metadata toMetadata(JSONB jsonb) {
        return toMetadata(jsonb == null ? null : jsonb.data());
    }

    public static Metadata toMetadata(String json) {
        return json == null ? Metadata.EMPTY : new Metadata(MAPPER.readValue(json, OBJECT));
    }

    /** A policy document: {@code json} keeps the key order of the submitted document. */
    public static JSON toJson(Map<String, Object> tree) {
        return JSON.valueOf(MAPPER.writeValueAsString(tree));
    }

    public static Map<String, Object> toTree(JSON json) {
        return MAPPER.readValue(json.data(), OBJECT);
    }

    public static JSONB toJsonb(List<String> strings) {
        return JSONB.valueOf(MAPPER.writeValueAsString(strings));
    }

    public static List<String> toStrings(JSONB jsonb) {
        return jsonb == null ? List.of() : List.copyOf(MAPPER.readValue(jsonb.data(), STRINGS));
    }

    /**
     * {@code [{"field", "before"?, "after"?} | {"field", "redacted": true, "after"?: "<redacted, changed>"}]}; an
     * absent value has no key.
     */
    public static JSONB changesToJsonb(List<AuditChange> changes) {
        List<Map<String, Object>> out = new ArrayList<>(changes.size());
        for (AuditChange change : changes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("field", change.field());
            if (change.redacted()) {
                item.put("redacted", true);
                change.after().ifPresent(marker -> item.put("after", marker));
            } else {
                change.before().ifPresent(v -> item.put("before", v));
                change.after().ifPresent(v -> item.put("after", v));
            }
            out.add(item);
        }
        return JSONB.valueOf(MAPPER.writeValueAsString(out));
    }

    public static List<AuditChange> toChanges(JSONB jsonb) {
        if (jsonb == null) {
            return List.of();
        }
        List<AuditChange> changes = new ArrayList<>();
        for (Map<String, Object> item : MAPPER.readValue(jsonb.data(), CHANGES)) {
            String field = String.valueOf(item.get("field"));
            changes.add(Boolean.TRUE.equals(item.get("redacted"))
                    ? new AuditChange(field, java.util.Optional.empty(), java.util.Optional.ofNullable(item.get("after")), true)
                    : AuditChange.of(field, item.get("before"), item.get("after")));
        }
        return List.copyOf(changes);
    }

    /** PostgreSQL refuses U+0000 in text and jsonb; finds it anywhere in a JSON value, keys included. */
    public static boolean containsNul(Object value) {
        return switch (value) {
            case null -> false;
            case String s -> s.indexOf('\0') >= 0;
            case Map<?, ?> map -> map.entrySet().stream()
                    .anyMatch(e -> containsNul(e.getKey()) || containsNul(e.getValue()));
            case List<?> list -> list.stream().anyMatch(JsonCodec::containsNul);
            default -> false;
        };
    }
}
