package org.marketetl.marketdata;

import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a log, an exception message or a report. The FMP key
 * travels in the URL as {@code apikey=...}, and a driver may echo a URL in its messages.
 */
public final class Redactor {

    private static final Pattern API_KEY_PARAM = Pattern.compile("(?i)(apikey=)[^&\\s\"']+");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = API_KEY_PARAM.matcher(text).replaceAll("$1***");
        return PRIVATE_KEY.matcher(result).replaceAll("***PRIVATE KEY***");
    }
}
