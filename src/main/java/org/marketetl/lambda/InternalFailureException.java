package org.marketetl.lambda;

import org.marketetl.marketdata.Redactor;

/**
 * An {@link Error} thrown while handling an event (a class that cannot be initialised, out of
 * memory, a stack overflow), turned into an exception the Lambda runtime reports. Quarkus' Lambda
 * poll loop, which a native executable runs, catches {@code Exception} only: an {@code Error}
 * escaping the handler ends its thread, and the invocation hangs until the function's timeout
 * instead of failing at once with the reason.
 */
final class InternalFailureException extends RuntimeException {

    InternalFailureException(Error cause) {
        super("internal error, not caused by the event: " + cause.getClass().getName()
                + (cause.getMessage() == null ? "" : ": " + Redactor.redact(cause.getMessage())), cause);
    }
}
