package dev.gatehouse.server.pages;

/** A message at the top of a page saying what happened: a success, or an error the person can act on. */
public record Flash(Kind kind, String message) {
    public enum Kind {
        SUCCESS,
        ERROR;

        /** The CSS modifier and the ARIA role: an error interrupts a screen reader, a success waits. */
        public String cssClass() {
            return this == SUCCESS ? "flash-success" : "flash-error";
        }

        public String role() {
            return this == SUCCESS ? "status" : "alert";
        }
    }

    public static Flash success(String message) {
        return new Flash(Kind.SUCCESS, message);
    }

    public static Flash error(String message) {
        return new Flash(Kind.ERROR, message);
    }
}
