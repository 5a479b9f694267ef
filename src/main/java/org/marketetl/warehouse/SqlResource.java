package org.marketetl.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL kept in {@code .sql} resources beside the class that runs it: {@code load(TtmStep.class,
 * "ttm.sql")} reads {@code org/marketetl/derive/ttm.sql}. Text is cached; files are listed in the
 * native-image resources so they exist in the native executable too.
 */
public final class SqlResource {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlResource() {
    }

    /** The text of the resource {@code name} in the package of {@code owner}. */
    public static String load(Class<?> owner, String name) {
        String path = owner.getPackageName().replace('.', '/') + "/" + name;
        return CACHE.computeIfAbsent(path, SqlResource::read);
    }

    /** The text of a resource given by its full class-path location. */
    public static String loadPath(String path) {
        return CACHE.computeIfAbsent(path, SqlResource::read);
    }

    /**
     * Splits a script into statements at semicolons that end a line; a {@code --} comment line
     * never ends a statement, even when it ends in a semicolon. Our scripts keep no
     * semicolons inside literals, so this is enough and needs no SQL parser.
     */
    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") && current.toString().isBlank()) {
                continue;
            }
            if (trimmed.endsWith(";") && !trimmed.startsWith("--")) {
                current.append(line, 0, line.lastIndexOf(';'));
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank() && !onlyComments(current.toString())) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static boolean onlyComments(String text) {
        return text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
    }

    private static String read(String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource not found: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + path, e);
        }
    }
}
