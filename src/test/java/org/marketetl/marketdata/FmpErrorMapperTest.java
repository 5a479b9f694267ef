package org.marketetl.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketetl.marketdata.MarketDataException.Kind;

/** FMP's error answers, classified for the retry policy by status and by the words of its body. */
class FmpErrorMapperTest {

    private static final String LIMIT_REACH = "{\"Error Message\":\"Limit Reach . Please upgrade your plan or visit "
            + "our documentation for more details at https://site.financialmodelingprep.com/\"}";
    private static final String PREMIUM = "{\"Error Message\":\"Premium Query Parameter: 'Special Endpoint : This value "
            + "set for 'symbol' is not available under your current subscription'\"}";
    private static final String EXCLUSIVE = "{\"Error Message\":\"Exclusive Endpoint : This endpoint is not available "
            + "under your current subscription\"}";
    private static final String BANDWIDTH = "{\"Error Message\":\"Bandwidth Limit Reach . Please upgrade your plan\"}";
    private static final String INVALID_KEY = "{\"Error Message\":\"Invalid API KEY. Feel free to create a Free API Key "
            + "or visit https://site.financialmodelingprep.com/faqs?search=why-is-my-api-key-invalid for more information.\"}";
    private static final String KEY = "Zx9SecretKey0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void marksA429WithLimitReach_throttledAndRetryable() {
        // Act
        MarketDataException e = FmpErrorMapper.classify(429, LIMIT_REACH);

        // Assert
        assertThat(e).isInstanceOf(RetryableMarketDataException.class);
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.kind().retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("FMP answered HTTP 429: " + LIMIT_REACH);
    }

    @Test
    void marksA429WithoutBody_throttled() {
        // Act
        MarketDataException e = FmpErrorMapper.classify(429, "");

        // Assert
        assertThat(e).isInstanceOf(RetryableMarketDataException.class);
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.getMessage()).isEqualTo("FMP answered HTTP 429");
    }

    @Test
    void marksLimitReach_throttled_evenWhenFmpAnswers200() {
        // Act
        MarketDataException e = FmpErrorMapper.classify(200, LIMIT_REACH);

        // Assert
        assertThat(e).isInstanceOf(RetryableMarketDataException.class);
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void marksServerErrors_transientAndRetryable(int status) {
        // Act
        MarketDataException e = FmpErrorMapper.classify(status, "{\"Error Message\":\"Internal error\"}");

        // Assert
        assertThat(e).isInstanceOf(RetryableMarketDataException.class);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.kind().retryable()).isTrue();
        assertThat(e.getMessage()).startsWith("FMP answered HTTP " + status + ": ");
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}, {1}")
    @CsvSource({
            "402, premium", "403, premium", "429, premium", "200, premium",
            "403, exclusive", "429, exclusive", "503, exclusive",
            "429, bandwidth", "403, bandwidth", "200, bandwidth"})
    void marksPlanLimits_rejectedAndNotRetryable_whateverTheStatus(int status, String which) {
        // Arrange
        String body = switch (which) {
            case "premium" -> PREMIUM;
            case "exclusive" -> EXCLUSIVE;
            default -> BANDWIDTH;
        };

        // Act
        MarketDataException e = FmpErrorMapper.classify(status, body);

        // Assert
        assertThat(e).isNotInstanceOf(RetryableMarketDataException.class);
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.kind().retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("FMP answered HTTP " + status + ": " + body);
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}")
    @ValueSource(ints = {400, 401, 403, 404})
    void marksOtherClientErrors_rejectedAndNotRetryable(int status) {
        // Act
        MarketDataException e = FmpErrorMapper.classify(status, status == 401 ? INVALID_KEY : "");

        // Assert
        assertThat(e).isNotInstanceOf(RetryableMarketDataException.class);
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.kind().retryable()).isFalse();
    }

    @Test
    void leavesTheStatusAlone_inTheMessage_whenTheBodyIsBlank() {
        assertThat(FmpErrorMapper.classify(404, "   ").getMessage()).isEqualTo("FMP answered HTTP 404");
    }

    @Test
    void neverQuotesTheApiKey_whenTheBodyEchoesTheRequestUrl() {
        // Arrange
        String body = "{\"Error Message\":\"Limit Reach for https://financialmodelingprep.com/stable/profile?symbol=AAPL&apikey="
                + KEY + "\"}";
        Response response = Response.status(429).entity(body).build();

        // Act
        MarketDataException e = new FmpErrorMapper().toThrowable(response);

        // Assert
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("apikey=***");
    }

    @Test
    void cutsALongBody_toThreeHundredCharacters() {
        // Arrange
        String body = "{\"Error Message\":\"" + "x".repeat(1_000) + "\"}";
        Response response = Response.status(500).entity(body).build();

        // Act
        MarketDataException e = new FmpErrorMapper().toThrowable(response);

        // Assert
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).isEqualTo("FMP answered HTTP 500: " + body.substring(0, 300) + "...");
    }

    @Test
    void keepsRetryAfterSeconds_onA429() {
        // Act
        MarketDataException e = FmpErrorMapper.classify(429, LIMIT_REACH, "7", NOW);

        // Assert
        assertThat(e).isInstanceOf(RetryableMarketDataException.class);
        assertThat(((RetryableMarketDataException) e).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void keepsRetryAfterAsAnHttpDate_onA503() {
        // Act
        MarketDataException e = FmpErrorMapper.classify(503, "", "Wed, 25 Nov 2026 12:00:30 GMT", NOW);

        // Assert
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(((RetryableMarketDataException) e).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void readsAnHttpDateInThePast_asNoWait() {
        // Act
        MarketDataException e = FmpErrorMapper.classify(429, "", "Wed, 25 Nov 2026 11:00:00 GMT", NOW);

        // Assert
        assertThat(((RetryableMarketDataException) e).retryAfter()).contains(Duration.ZERO);
    }

    @ParameterizedTest(name = "[{index}] Retry-After ''{0}''")
    @ValueSource(strings = { "", " ", "soon", "-5", "1.5", "99999999999999", "Wed, 25 Nov 2026" })
    void ignoresARetryAfterItCannotRead_andStaysRetryable(String header) {
        // Act
        MarketDataException e = FmpErrorMapper.classify(429, LIMIT_REACH, header, NOW);

        // Assert
        assertThat(e).isInstanceOf(RetryableMarketDataException.class);
        assertThat(((RetryableMarketDataException) e).retryAfter()).isEmpty();
    }

    @Test
    void ignoresRetryAfter_onA500_whereHttpDoesNotDefineIt() {
        // Act
        MarketDataException e = FmpErrorMapper.classify(500, "", "5", NOW);

        // Assert
        assertThat(e).isInstanceOf(RetryableMarketDataException.class);
        assertThat(((RetryableMarketDataException) e).retryAfter()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] HTTP {0}")
    @CsvSource(delimiter = '|', value = { "402|" + "{\"Error Message\":\"Premium Query Parameter: no\"}",
            "403|{\"Error Message\":\"Exclusive Endpoint : no\"}", "429|{\"Error Message\":\"Bandwidth Limit Reach .\"}",
            "404|not found", "401|bad key" })
    void neverRetriesPlanLimitsOr4xx_evenWhenTheyCarryRetryAfter(int status, String body) {
        // Act
        MarketDataException e = FmpErrorMapper.classify(status, body, "1", NOW);

        // Assert
        assertThat(e).isNotInstanceOf(RetryableMarketDataException.class);
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.kind().retryable()).isFalse();
    }
}
