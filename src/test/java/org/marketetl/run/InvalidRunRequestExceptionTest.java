package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Caller input quoted in a refusal stays one printable line wherever it is shown (a terminal, a
 * plain-text log, an API error): what could break or disguise a line is written as {@code \}uXXXX,
 * everything else is left as the caller wrote it.
 */
class InvalidRunRequestExceptionTest {

    static Stream<Arguments> unprintable() {
        return Stream.of(
                Arguments.of("NUL", "A\u0000B", "A\\u0000B"),
                Arguments.of("line feed", "A\nB", "A\\u000aB"),
                Arguments.of("carriage return", "A\rB", "A\\u000dB"),
                Arguments.of("tab", "A\tB", "A\\u0009B"),
                Arguments.of("terminal escape", "\u001b[31mred", "\\u001b[31mred"),
                Arguments.of("DEL", "A\u007fB", "A\\u007fB"),
                Arguments.of("C1 control", "A\u0085B", "A\\u0085B"),
                Arguments.of("line separator", "A\u2028B", "A\\u2028B"),
                Arguments.of("right-to-left override", "AAPL\u202eLPAA", "AAPL\\u202eLPAA"),
                Arguments.of("lone surrogate", "A\ud800B", "A\\ud800B"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("unprintable")
    void writesWhatCouldBreakOrDisguiseALine_asAnEscape(String what, String input, String printed) {
        assertThat(InvalidRunRequestException.printable(input)).as(what).isEqualTo(printed);
    }

    @Test
    void leavesPrintableTextAsItIs_nonAsciiAndSurrogatePairsIncluded() {
        String text = "Société Générale 株式会社 \ud83d\udcc8 back\\slash \"quoted\"";

        assertThat(InvalidRunRequestException.printable(text)).isSameAs(text);
    }

    @Test
    void echoesAtMostFortyCharacters_neverHalfACharacter_andEscaped() {
        String input = "x".repeat(39) + "\ud83d\udcc8" + "\u0000".repeat(100);

        assertThat(InvalidRunRequestException.echo(input)).isEqualTo("x".repeat(39) + "...");
        assertThat(InvalidRunRequestException.echo("A\u0000B")).isEqualTo("A\\u0000B");
    }
}
