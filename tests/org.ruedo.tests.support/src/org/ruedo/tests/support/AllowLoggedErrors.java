package org.ruedo.tests.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test method or class: ERROR entries of the Eclipse log whose message (or a child's, or the exception's)
 * matches one of these regular expressions are expected and do not fail the test ({@link NoUnexpectedErrors}).
 * Name the exact message the test provokes; never ".*".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
@Inherited
public @interface AllowLoggedErrors {
    String[] value();
}
