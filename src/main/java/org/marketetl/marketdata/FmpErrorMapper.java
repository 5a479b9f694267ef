package org.marketetl.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns FMP error answers into classified exceptions. FMP puts the reason in the body as
 * {@code {"Error Message": "..."}}: "Limit Reach" (429, retry later), "Bandwidth Limit Reach",
 * "Premium Query Parameter", "Exclusive Endpoint" (plan limits: retrying cannot help).
 * A 429 or 503 that carries {@code Retry-After} (seconds or an HTTP date) keeps the delay in the
 * exception, for the client to wait at least that long before its next request.
 */
public class FmpErrorMapper implements ResponseExceptionMapper<MarketDataException> {

    private static final int MAX_BODY_CHARS = 300;

    @Override
    public MarketDataException toThrowable(Response response) {
        int status = response.getStatus();
        String body = readBody(response);
        return classify(status, body, response.getHeaderString("Retry-After"), Instant.now());
    }

    static MarketDataException classify(int status, String rawBody) {
        return classify(status, rawBody, null, Instant.now());
    }

    /**
     * Classifies an answer by status and body; {@code retryAfter} is the raw header (or null),
     * honoured only on the statuses that define it for waiting: 429 and 503.
     */
    static MarketDataException classify(int status, String rawBody, String retryAfter, Instant now) {
        String body = Redactor.redact(rawBody);
        String message = "FMP answered HTTP " + status + (body.isBlank() ? "" : ": " + body);
        boolean planLimit = body.contains("Bandwidth Limit Reach") || body.contains("Premium Query Parameter")
                || body.contains("Exclusive Endpoint");
        if (planLimit) {
            return new MarketDataException(MarketDataException.Kind.REJECTED, message);
        }
        Duration wait = status == 429 || status == 503 ? retryAfter(retryAfter, now).orElse(null) : null;
        if (status == 429 || body.contains("Limit Reach")) {
            return new RetryableMarketDataException(MarketDataException.Kind.THROTTLED, message, null, wait);
        }
        if (status >= 500) {
            return new RetryableMarketDataException(MarketDataException.Kind.TRANSIENT, message, null, wait);
        }
        return new MarketDataException(MarketDataException.Kind.REJECTED, message);
    }

    /**
     * The wait a {@code Retry-After} header asks for: delta-seconds ({@code 120}) or an HTTP date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}); a date in the past is no wait. Anything else is
     * ignored (empty), and the retry policy's own backoff applies.
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 9 ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String readBody(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            body = body == null ? "" : body.strip();
            return body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "..." : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
