package org.marketetl.benchmark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.marketetl.LocalLambdaContext;
import org.marketetl.report.RunReport;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/** The packaged function, invoked through {@link QuarkusStreamHandler} as the Lambda java runtime does. */
final class InProcessFunction {

    /** Long enough for the 5,000-symbol backfill: the deadline must not shape the figures. */
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private InProcessFunction() {
    }

    /** Runs one request; the first call also starts Quarkus. */
    static RunReport invoke(String request) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new QuarkusStreamHandler().handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                answer, new LocalLambdaContext(TIMEOUT));
        String text = answer.toString(StandardCharsets.UTF_8);
        try {
            return Json.MAPPER.readValue(text, RunReport.class);
        } catch (Exception notAReport) {
            throw new IllegalStateException("the function did not answer with a run report: " + text, notAReport);
        }
    }
}
