package org.marketetl.lambda;

/** An event of a kind the function does not take (an S3 or SQS notification, say). */
class UnsupportedEventException extends RuntimeException {

    /** What the run function takes. */
    static final String RUN_FUNCTION_ACCEPTS = "the run function accepts the run state machine's task, an EventBridge "
            + "scheduled event (\"source\": \"aws.events\"), a run request JSON such as "
            + "{\"mode\": \"incremental\", \"symbols\": [\"AAPL\"]}, or {\"operation\": \"migrate\"}";
    /** What the API function takes. */
    static final String API_FUNCTION_ACCEPTS = "the API function accepts API Gateway REST (v1) and HTTP API (v2) "
            + "proxy events for POST /runs and GET /runs/{runId}";

    UnsupportedEventException(String what) {
        this(what, RUN_FUNCTION_ACCEPTS + "; " + API_FUNCTION_ACCEPTS);
    }

    UnsupportedEventException(String what, String accepted) {
        super("unsupported event (" + what + "): " + accepted);
    }
}
