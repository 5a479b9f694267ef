package org.marketetl.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The choice of display: a test JVM, like CI or a run into a log file, has no terminal, so lines. */
class ProgressDisplayTest {

    @Test
    void withoutATerminal_choosesALineEveryFewSeconds() {
        // Act
        ProgressDisplay display = ProgressDisplay.forConsole(new PrintStream(new ByteArrayOutputStream()),
                Duration.ofSeconds(5));

        // Assert: surefire's forked JVM writes to pipes, so the JVM sees no console
        assertThat(System.console()).isNull();
        assertThat(display).isInstanceOf(ProgressLines.class);
        assertThat(display.every()).isEqualTo(Duration.ofSeconds(5));
    }
}
