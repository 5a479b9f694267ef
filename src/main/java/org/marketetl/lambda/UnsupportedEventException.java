package org.marketetl.lambda;

/** An event of a kind the function does not take (an S3 or SQS notification, say). */
class UnsupportedEventException extends RuntimeException {

    UnsupportedEventException(String what) {
        super("unsupported event (" + what + "): this function accepts an EventBridge scheduled event "
                + "(\"source\": \"aws.events\"), an API Gateway REST (v1) or HTTP API (v2) proxy event, "
                + "or a run request JSON such as {\"mode\": \"incremental\", \"symbols\": [\"AAPL\"]}");
    }
}
