package org.marketetl.load;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Small conversions from FMP's JSON values to staging-row values, shared by the ETLs. */
final class Rows {

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
