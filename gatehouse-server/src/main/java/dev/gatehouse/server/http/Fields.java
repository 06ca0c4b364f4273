package dev.gatehouse.server.http;

import org.jspecify.annotations.Nullable;

/** Checks on request fields that JSON alone cannot express. */
final class Fields {
    private Fields() {}

    /** The value of a required field, or a 400 naming it. */
    static String required(@Nullable String value, String name) {
        if (value == null) {
            throw new ProblemException(Problem.invalidRequest("Field '" + name + "' is required."));
        }
        return value;
    }
}
