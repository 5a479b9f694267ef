package org.marketetl.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON unless the client prefers HTML; nothing when it accepts neither. */
class ContentNegotiationTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE | JSON",
            "'' | JSON",
            "*/* | JSON",
            "application/json | JSON",
            "text/html | HTML",
            "TEXT/HTML | HTML",
            // Chromium's and Firefox's navigation headers
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8 | HTML",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | HTML",
            "application/json, text/html;q=0.5 | JSON",
            "text/html;q=0.5, application/json;q=0.9 | JSON",
            "text/*, application/json;q=0.2 | HTML",
            "application/*;q=0.3, text/html;q=0.1 | JSON",
            "text/html;q=0, */* | JSON",
            "image/png | NOT_ACCEPTABLE",
            "application/json;q=0, text/html;q=0 | NOT_ACCEPTABLE",
            "text/html;q=abc, application/xml | NOT_ACCEPTABLE" })
    void choosesTheRunsForm_fromTheAcceptHeader(String accept, String expected) {
        Optional<ContentNegotiation.Form> form = ContentNegotiation.choose(accept);

        assertThat(form.map(Enum::name).orElse("NOT_ACCEPTABLE")).isEqualTo(expected);
    }
}
