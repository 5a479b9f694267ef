package org.marketetl.run;

/** A run request or event that cannot be run; the message says what is wrong and is safe to return. */
public class InvalidRunRequestException extends RuntimeException {

    /** Longest caller input quoted in a message. */
    private static final int ECHOED = 40;

    public InvalidRunRequestException(String message) {
        super(message);
    }

    /**
     * Caller input to quote in a message: at most 40 characters, so an error never balloons, and
     * {@link #printable printable}, so it stays one line on a terminal or in a plain-text log.
     */
    public static String echo(String input) {
        if (input.length() <= ECHOED) {
            return printable(input);
        }
        int end = Character.isHighSurrogate(input.charAt(ECHOED - 1)) ? ECHOED - 1 : ECHOED;
        return printable(input.substring(0, end)) + "...";
    }

    /**
     * {@code text} with every character that could break or disguise a line written as
     * {@code \}{@code uXXXX}: control characters (NUL, line breaks, the escape that starts a
     * terminal's colour codes), Unicode line and paragraph separators, format characters (such
     * as a right-to-left override) and lone surrogates. Anything else, non-ASCII letters
     * included, stays as it is.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isSurrogate(c) && (Character.isHighSurrogate(c)
                    ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (paired || !unprintable(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(String.format("\\u%04x", (int) c));
        }
        return out == null ? text : out.toString();
    }

    private static boolean unprintable(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
