package dev.gatehouse.server.http;

import java.util.Map;

/** Ends a request with a problem response; thrown by request parsing and guards, caught by the routing. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** A problem whose response also carries {@code headers}, such as {@code WWW-Authenticate}. */
    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.type(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
