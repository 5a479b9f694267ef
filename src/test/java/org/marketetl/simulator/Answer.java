package org.marketetl.simulator;

import java.nio.charset.StandardCharsets;

/** A complete HTTP answer: status, content type and body. */
record Answer(int status, String contentType, byte[] body) {

    static final String JSON = "application/json;charset=UTF-8";
    static final String CSV = "text/csv;charset=UTF-8";

    static Answer json(int status, String body) {
        return new Answer(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer ok(byte[] jsonBody) {
        return new Answer(200, JSON, jsonBody);
    }

    static Answer csv(String body) {
        return new Answer(200, CSV, body.getBytes(StandardCharsets.UTF_8));
    }
}
