package dev.delegatedadmin.adapters.web.http;

import dev.delegatedadmin.adapters.web.http.RefusalAudited;
import dev.delegatedadmin.application.error.InvalidInputException;
import dev.delegatedadmin.application.error.InvalidInputException.FieldError;
import dev.delegatedadmin.domain.shared.Text;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Every JSON request body, before any controller sees it: a key or string holding U+0000 or an unpaired
 * surrogate is a 400 naming its path. PostgreSQL would refuse the first (a 500 before this) and UTF-8 has no form
 * for the second (stored as {@code ?}). The domain's value objects check the same, for callers other than HTTP.
 * A body marked {@link RefusalAudited} is checked by its controller instead, which audits the refusal.
 */
@ControllerAdvice
public class StorableStringsAdvice extends RequestBodyAdviceAdapter {

    private static final int MAX_ERRORS = 10;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && JsonNode.class.isAssignableFrom(type)
                && !parameter.hasParameterAnnotation(RefusalAudited.class);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode root) {
            List<FieldError> errors = unstorable(root);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
        return body;
    }

    /** Iterative, so that a deeply nested body cannot overflow the stack here. */
    public static List<FieldError> unstorable(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("$", root));
        while (!pending.isEmpty() && errors.size() < MAX_ERRORS) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isString() && !Text.isStorable(node.stringValue())) {
                errors.add(new FieldError(path, Text.UNSTORABLE));
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    String key = property.getKey();
                    if (!Text.isStorable(key)) {
                        // The key itself cannot be quoted back: name the object that holds it.
                        errors.add(new FieldError(path, "A key " + Character.toLowerCase(Text.UNSTORABLE.charAt(0))
                                + Text.UNSTORABLE.substring(1)));
                        continue;
                    }
                    pending.push(Map.entry(child(path, key), property.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            }
        }
        return errors;
    }

    private static String child(String path, String key) {
        return "$".equals(path) ? key : path + "." + key;
    }
}
