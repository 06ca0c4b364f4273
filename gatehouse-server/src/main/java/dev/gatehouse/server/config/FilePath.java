package dev.gatehouse.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A file or directory path; blank means the working directory. */
record FilePath() implements ValueType<Path> {

    @Override
    public Parsed<Path> parse(String text) {
        try {
            return Parsed.accepted(Path.of(text.isBlank() ? "." : text));
        } catch (InvalidPathException e) {
            return Parsed.refused("must be a file system path (" + e.getReason() + ")");
        }
    }

    /** Absolute, so the log says which directory a relative setting meant. */
    @Override
    public String show(Path value) {
        return value.toAbsolutePath().normalize().toString();
    }
}
