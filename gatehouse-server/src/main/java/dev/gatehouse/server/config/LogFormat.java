package dev.gatehouse.server.config;

/** How log lines are written: for people reading a terminal, or for a log collector. */
public enum LogFormat {
    /** One line of text per event, as before: time, level, logger, message. */
    TEXT,
    /** One JSON object per line, with the request id of the request it was logged in. */
    JSON
}
