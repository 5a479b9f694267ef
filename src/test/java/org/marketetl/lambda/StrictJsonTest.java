package org.marketetl.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.marketetl.run.InvalidRunRequestException;

/** One JSON value, nothing after it, each key once; anything else is refused with where it went wrong. */
class StrictJsonTest {

    static Stream<Arguments> notOneStrictValue() {
        return Stream.of(
                Arguments.of("{\"mode\":\"backfill\"} xyz", "there is more after the JSON value (line 1, column 20)"),
                Arguments.of("{} {}", "there is more after the JSON value (line 1, column 3)"),
                Arguments.of("{}\n[]", "there is more after the JSON value"),
                Arguments.of("{\"mode\":\"backfill\",\"mode\":\"incremental\"}", "Duplicate field 'mode'"),
                Arguments.of("{\"detail\":{\"a\":1,\"a\":2}}", "Duplicate field 'a'"),
                Arguments.of("{\"mode\":", "end-of-input"),
                Arguments.of("run please", "Unrecognized token 'run'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notOneStrictValue")
    void refusesWhatIsNotExactlyOneStrictJsonValue(String text, String problem) {
        assertThatThrownBy(() -> StrictJson.read(text, "event"))
                .isInstanceOf(InvalidRunRequestException.class)
                .hasMessageStartingWith("event is not valid JSON: ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("; send one JSON object, each key once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\n"})
    void readsNoTextAsNoValue(String text) {
        assertThat(StrictJson.read(text, "body")).isNull();
    }

    @Test
    void readsOneObject_withWhitespaceAround() {
        assertThat(StrictJson.read(" {\"symbols\":[\"AAPL\"],\"dryRun\":true}\n", "body").path("symbols").get(0).asText())
                .isEqualTo("AAPL");
    }

    @Test
    void readsAStreamToItsEnd() {
        ByteArrayInputStream in = new ByteArrayInputStream("{} {}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> StrictJson.read(in, "event")).hasMessageContaining("more after the JSON value");
    }
}
