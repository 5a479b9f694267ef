package org.marketetl.marketdata;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The rows of a CSV body as they arrive, read with Jackson's CSV parser from a stream: one row in
 * memory at a time, however large the body. FMP's bulk CSV has a header of quoted column names
 * (the JSON endpoints' keys); a row's cells are found by column name, so a reordered or widened
 * file still reads. An absent value comes as an empty cell or as {@code ""}: both read as null.
 * An empty body (FMP's "no data") has no header and no rows.
 */
public final class CsvRows implements Closeable {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL).enable(CsvParser.Feature.TRIM_SPACES).build();
    /**
     * Turns a row (column name -> text) into one of the JSON endpoints' DTOs, so a row read in bulk
     * becomes exactly what the per-symbol JSON would have: text to numbers, dates and booleans as
     * Jackson reads them from JSON strings; unknown columns ignored, as the DTOs say.
     */
    private static final ObjectMapper VALUES = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final MappingIterator<String[]> rows;
    private final Map<String, Integer> columns = new HashMap<>();
    private String[] row;

    private CsvRows(MappingIterator<String[]> rows) throws IOException {
        this.rows = rows;
        if (rows.hasNextValue()) {
            String[] header = rows.nextValue();
            for (int i = 0; i < header.length; i++) {
                if (header[i] != null) {
                    columns.put(header[i].strip(), i);
                }
            }
        }
    }

    /** Starts reading {@code body}; reads its header line. */
    public static CsvRows of(InputStream body) throws IOException {
        return new CsvRows(CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(body));
    }

    /** Whether the header names {@code column}. */
    public boolean hasColumn(String column) {
        return columns.containsKey(column);
    }

    /** Moves to the next row; false at the end of the body. */
    public boolean next() throws IOException {
        row = rows.hasNextValue() ? rows.nextValue() : null;
        return row != null;
    }

    /** The current row's cell of {@code column}, or null when empty, absent or not in the header. */
    public String get(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= row.length || row[index] == null || row[index].isEmpty()) {
            return null;
        }
        return row[index];
    }

    /**
     * The current row as {@code type}, a JSON endpoint's DTO.
     *
     * @throws IllegalArgumentException when a cell cannot become its field (a number that is not one)
     */
    public <T> T as(Class<T> type) {
        Map<String, String> values = new LinkedHashMap<>();
        columns.forEach((name, index) -> {
            String value = get(name);
            if (value != null) {
                values.put(name, value);
            }
        });
        return VALUES.convertValue(values, type);
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
