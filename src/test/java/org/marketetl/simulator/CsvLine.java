package org.marketetl.simulator;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.Function;

/**
 * One line of FMP's bulk CSV, built cell by cell: text quoted (inner quotes doubled), numbers bare
 * as Jackson prints them in the JSON answers (so a value read from either is the same number), an
 * absent value as an empty cell or as {@code ""} (FMP writes both).
 */
final class CsvLine {

    private final StringBuilder line = new StringBuilder(256);
    private int cells;

    /** The header: the record's JSON keys, quoted, in order. */
    static String header(Class<? extends Record> type) {
        CsvLine header = new CsvLine();
        for (RecordComponent component : type.getRecordComponents()) {
            header.text(component.getName());
        }
        return header.end();
    }

    /** A record as one line, its keys' order; {@code override} may replace any cell (null: keep). */
    static String of(Record row, Function<RecordComponent, Cell> override) {
        CsvLine line = new CsvLine();
        for (RecordComponent component : row.getClass().getRecordComponents()) {
            Cell cell = override.apply(component);
            if (cell != null) {
                line.raw(cell.text());
                continue;
            }
            Object value = value(component, row);
            if (value == null) {
                line.empty();
            } else if (value instanceof String text) {
                line.text(text);
            } else {
                line.raw(String.valueOf(value));
            }
        }
        return line.end();
    }

    static Object value(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    CsvLine text(String value) {
        return raw('"' + value.replace("\"", "\"\"") + '"');
    }

    CsvLine number(Object value) {
        return raw(String.valueOf(value));
    }

    CsvLine empty() {
        return raw("");
    }

    private CsvLine raw(String cell) {
        if (cells > 0) {
            line.append(',');
        }
        line.append(cell);
        cells++;
        return this;
    }

    String end() {
        return line.append('\n').toString();
    }

    /** A cell's text as written (already quoted if it needs to be). */
    record Cell(String text) {
        static Cell quoted(String value) {
            return new Cell('"' + value.replace("\"", "\"\"") + '"');
        }

        static final Cell EMPTY = new Cell("");
        static final Cell EMPTY_QUOTED = new Cell("\"\"");
    }

    /** The header of several cells. */
    static String header(List<String> names) {
        CsvLine header = new CsvLine();
        names.forEach(header::text);
        return header.end();
    }
}
