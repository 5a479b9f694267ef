package org.marketetl.load;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Small conversions from FMP's JSON values to staging-row values, shared by the ETLs. */
final class Rows {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Rows() {
    }

    /** A required field: a missing one makes the symbol's data unusable. */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw new MalformedDataException("missing " + field);
        }
        return value;
    }

    /** The rows of a chunk of symbols, as one list for the staging table. */
    static List<Object[]> flatten(List<List<Object[]>> perSymbol) {
        return perSymbol.stream().flatMap(List::stream).toList();
    }

    /** FMP answers for the symbol asked, or the data belongs to someone else. */
    static void sameSymbol(String asked, String answered) {
        if (answered != null && !asked.equalsIgnoreCase(answered)) {
            throw new MalformedDataException("answer is for symbol '" + answered + "'");
        }
    }

    /** A text FMP left empty is absent (null); bulk CSV cannot tell an empty text from none. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** FMP writes dates as YYYY-MM-DD and leaves unknown ones empty. */
    static LocalDate optionalDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * FMP's timestamps ("2025-05-02 06:01:36", as {@code acceptedDate}) as the staging file's text
     * for a TIMESTAMP column; anything unreadable is unknown (NULL), never a failed load.
     */
    static String optionalTimestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip().replace(' ', 'T')).format(TIMESTAMP);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** FMP sends some counts as strings ("164000"); anything else is unknown. */
    static Long optionalLong(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "2025" as a number; the fiscal year is required to place a quarter. */
    static Integer fiscalYear(String text) {
        Long year = optionalLong(text);
        return year == null ? null : year.intValue();
    }
}
