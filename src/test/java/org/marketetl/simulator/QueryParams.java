package org.marketetl.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Decoded query parameters; the first value wins when a name repeats. */
record QueryParams(Map<String, String> values) {

    static QueryParams parse(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                out.putIfAbsent(name, value);
            }
        }
        return new QueryParams(Map.copyOf(out));
    }

    String get(String name) {
        return values.get(name);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
