package dev.delegatedadmin.adapters.web.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a request body whose controller checks the strings itself ({@link StorableStringsAdvice#unstorable}), so that
 * the refusal can be audited with the caller: {@link StorableStringsAdvice} then leaves that body alone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RefusalAudited {
}
