package org.marketetl.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.marketetl.run.InvalidRunRequestException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one reader of caller JSON (the Lambda event, an API body): exactly one JSON value, nothing
 * after it, each key once. A lenient reader would run {@code {"mode":"backfill"} xyz} as a
 * backfill and let the second of two {@code "symbols"} win silently; here both are an
 * {@link InvalidRunRequestException} naming what is wrong and where, before any work starts.
 * Empty or blank text is no value at all ({@code null}): the caller's default request.
 */
final class StrictJson {

    /** Its own mapper: the application's (REST client, reports) keeps Jackson's defaults. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    /** Reads {@code in} to its end; {@code what} names it in a refusal ("event", "body"). */
    static JsonNode read(InputStream in, String what) {
        try {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what, e);
        }
    }

    /** Parses {@code text}; null for null, empty or blank text. */
    static JsonNode read(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonNode value = STRICT.readTree(parser);
            JsonLocation end = parser.currentLocation();
            if (hasMore(parser)) {
                throw refused(what, "there is more after the JSON value", end);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw refused(what, e.getOriginalMessage(), e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what, e);
        }
    }

    /** Whether anything but whitespace follows; content that is not JSON either ("{} xyz") counts. */
    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException notJson) {
            return true;
        }
    }

    private static InvalidRunRequestException refused(String what, String problem, JsonLocation at) {
        String where = at == null || at.getLineNr() < 0 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        // The parser quotes the caller's text (a duplicate key, a bad token): printable, one line.
        return new InvalidRunRequestException(what + " is not valid JSON: " + InvalidRunRequestException.printable(problem)
                + where + "; send one JSON object, each key once");
    }
}
