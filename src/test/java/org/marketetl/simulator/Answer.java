package org.marketetl.simulator;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A complete HTTP answer: status, content type and body; or, for the bulk endpoints, a body written
 * line by line as it is sent ({@link #lines}), so a whole-market CSV is never whole in memory and
 * its transfer can take time in proportion to its rows.
 */
record Answer(int status, String contentType, byte[] body, Lines lines) {

    static final String JSON = "application/json;charset=UTF-8";
    static final String CSV = "text/csv;charset=UTF-8";
    static final String TEXT = "text/plain;charset=UTF-8";

    Answer(int status, String contentType, byte[] body) {
        this(status, contentType, body, null);
    }

    static Answer json(int status, String body) {
        return new Answer(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer ok(byte[] jsonBody) {
        return new Answer(200, JSON, jsonBody);
    }

    static Answer csv(String body) {
        return new Answer(200, CSV, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer text(int status, String body) {
        return new Answer(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A CSV body written line by line when sent: no lines, no body (FMP's "no data"). */
    static Answer csvLines(Lines lines) {
        return new Answer(200, CSV, new byte[0], lines);
    }

    boolean streamed() {
        return lines != null;
    }

    /** Writes a body's lines, each ending in a newline, in order. */
    @FunctionalInterface
    interface Lines {
        void write(Consumer<String> line);
    }
}
