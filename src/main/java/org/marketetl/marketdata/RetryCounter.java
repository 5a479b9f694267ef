package org.marketetl.marketdata;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;

import io.smallrye.faulttolerance.api.BeforeRetryHandler;

/**
 * Counts each retry of a {@link MarketDataClient} call into the {@link ApiCallCounter} the call
 * was given. The retry policy calls the client method again for every attempt, so the method
 * itself cannot tell a first attempt from a retry; the policy can, and tells us here.
 */
@Dependent
public class RetryCounter implements BeforeRetryHandler {

    @Override
    public void handle(ExecutionContext context) {
        for (Object parameter : context.getParameters()) {
            if (parameter instanceof ApiCallCounter counter) {
                counter.retried();
            }
        }
    }
}
