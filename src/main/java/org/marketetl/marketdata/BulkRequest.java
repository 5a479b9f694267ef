package org.marketetl.marketdata;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request to an FMP bulk endpoint, e.g. {@code income-statement-bulk?year=2024&period=Q3}.
 *
 * @param endpoint the path after {@code /stable/}
 * @param query    its parameters, in order (the API key is added when sent, never kept here)
 */
public record BulkRequest(String endpoint, Map<String, String> query) {

    public BulkRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    public static BulkRequest of(String endpoint, String name, Object value) {
        return new BulkRequest(endpoint, Map.of(name, String.valueOf(value)));
    }

    public static BulkRequest of(String endpoint, String name1, Object value1, String name2, Object value2) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(name1, String.valueOf(value1));
        query.put(name2, String.valueOf(value2));
        return new BulkRequest(endpoint, query);
    }

    /** The path and query without the key: {@code eod-bulk?date=2026-11-24}. */
    String pathAndQuery() {
        return endpoint + "?" + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** How messages and logs name the request: {@code eod-bulk date=2026-11-24}. */
    public String describe() {
        return endpoint + " " + query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
