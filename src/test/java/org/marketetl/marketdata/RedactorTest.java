package org.marketetl.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets never survive into text that may be logged or reported. */
class RedactorTest {

    private static final String KEY = "Zx9SecretKey0123456789abcdef";

    @Test
    void hidesTheApiKey_atTheEndOfAUrl() {
        // Act
        String redacted = Redactor.redact("GET https://financialmodelingprep.com/stable/profile?symbol=AAPL&apikey=" + KEY);

        // Assert
        assertThat(redacted).isEqualTo("GET https://financialmodelingprep.com/stable/profile?symbol=AAPL&apikey=***");
    }

    @Test
    void hidesTheApiKey_firstInAQueryString_andKeepsTheOtherParameters() {
        // Act
        String redacted = Redactor.redact("/stable/historical-price-eod/full?apikey=" + KEY + "&symbol=MSFT&from=2021-01-04");

        // Assert
        assertThat(redacted).isEqualTo("/stable/historical-price-eod/full?apikey=***&symbol=MSFT&from=2021-01-04");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"apikey", "APIKEY", "ApiKey", "apiKey"})
    void hidesTheApiKey_whateverTheCaseOfTheParameterName(String name) {
        // Act
        String redacted = Redactor.redact("https://example.test/x?" + name + "=" + KEY + "&symbol=KO");

        // Assert
        assertThat(redacted).isEqualTo("https://example.test/x?" + name + "=***&symbol=KO").doesNotContain(KEY);
    }

    @Test
    void hidesEveryOccurrence_inOneText() {
        // Arrange
        String text = "retry 1: /stable/profile?symbol=AAPL&apikey=" + KEY + " failed; retry 2: /stable/profile?apikey="
                + KEY + "&symbol=AAPL failed";

        // Act
        String redacted = Redactor.redact(text);

        // Assert
        assertThat(redacted).doesNotContain(KEY)
                .isEqualTo("retry 1: /stable/profile?symbol=AAPL&apikey=*** failed; retry 2: /stable/profile?apikey=***"
                        + "&symbol=AAPL failed");
    }

    @Test
    void stopsAtAQuote_whenTheUrlSitsInJson() {
        // Act
        String redacted = Redactor.redact("{\"url\":\"https://example.test/x?apikey=" + KEY + "\",\"status\":429}");

        // Assert
        assertThat(redacted).isEqualTo("{\"url\":\"https://example.test/x?apikey=***\",\"status\":429}");
    }

    @Test
    void hidesAPemPrivateKey_andKeepsTheTextAroundIt() {
        // Arrange
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";

        // Act
        String redacted = Redactor.redact("cannot read key " + pem + " for user ETL");

        // Assert
        assertThat(redacted).isEqualTo("cannot read key ***PRIVATE KEY*** for user ETL");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY"})
    void hidesPemPrivateKeys_ofEveryType(String type) {
        // Arrange
        String pem = "-----BEGIN " + type + "-----\r\nMIIEowIBAAKCAQEA\r\n-----END " + type + "-----";

        // Act
        String redacted = Redactor.redact(pem);

        // Assert
        assertThat(redacted).isEqualTo("***PRIVATE KEY***");
    }

    @Test
    void hidesEachOfTwoPrivateKeys_andKeepsWhatLiesBetweenThem() {
        // Arrange
        String text = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY----- and "
                + "-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----";

        // Act
        String redacted = Redactor.redact(text);

        // Assert
        assertThat(redacted).isEqualTo("***PRIVATE KEY*** and ***PRIVATE KEY***");
    }

    @Test
    void leavesAPublicKey_andOtherTextUnchanged() {
        // Arrange
        String text = "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY----- symbol=AAPL&limit=5";

        // Act / Assert
        assertThat(Redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void answersNull_forNull() {
        assertThat(Redactor.redact(null)).isNull();
    }

    @Test
    void answersEmpty_forEmpty() {
        assertThat(Redactor.redact("")).isEmpty();
    }
}
