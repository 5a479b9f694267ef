package org.marketetl.load;

/** The API answered, but not with data we can load for this symbol (missing key fields, wrong symbol). */
class MalformedDataException extends RuntimeException {

    MalformedDataException(String message) {
        super(message);
    }
}
