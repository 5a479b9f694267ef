package org.marketetl.lambda;

import org.marketetl.run.InvalidRunRequestException;

/**
 * An API request whose body cannot be read at all (marked base64 but not base64, or not text): the caller's
 * mistake, answered 400 like any bad body, not a failed invocation (API Gateway's 502).
 */
class UnreadableBodyException extends InvalidRunRequestException {

    UnreadableBodyException(String message) {
        super(message);
    }
}
