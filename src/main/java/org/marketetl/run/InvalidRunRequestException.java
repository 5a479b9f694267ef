package org.marketetl.run;

/** A run request or event that cannot be run; the message says what is wrong and is safe to return. */
public class InvalidRunRequestException extends RuntimeException {

    public InvalidRunRequestException(String message) {
        super(message);
    }

    /** Caller input to quote in a message: at most 40 characters, so an error never balloons. */
    public static String echo(String input) {
        return input.length() <= 40 ? input : input.substring(0, 40) + "...";
    }
}
