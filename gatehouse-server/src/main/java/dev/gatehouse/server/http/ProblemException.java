package dev.gatehouse.server.http;

/** Ends a request with a problem response; thrown by request parsing and guards, caught by the routing. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.type(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
