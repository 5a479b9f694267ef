package org.marketetl.lambda;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An API Gateway proxy response; the same fields serve REST (v1) and HTTP API (v2, payload 2.0).
 *
 * @param statusCode      HTTP status
 * @param headers         response headers
 * @param body            JSON text (or a run's timeline page, HTML, for a client that asked for it)
 * @param isBase64Encoded always false: bodies are text
 */
@RegisterForReflection
record ApiResponse(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {

    static ApiResponse json(int statusCode, String body) {
        return new ApiResponse(statusCode, Map.of("Content-Type", "application/json"), body, false);
    }
}
