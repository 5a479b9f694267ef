package org.marketetl.marketdata;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns FMP error answers into classified exceptions. FMP puts the reason in the body as
 * {@code {"Error Message": "..."}}: "Limit Reach" (429, retry later), "Bandwidth Limit Reach",
 * "Premium Query Parameter", "Exclusive Endpoint" (plan limits: retrying cannot help).
 */
public class FmpErrorMapper implements ResponseExceptionMapper<MarketDataException> {

    private static final int MAX_BODY_CHARS = 300;

    @Override
    public MarketDataException toThrowable(Response response) {
        int status = response.getStatus();
        String body = readBody(response);
        return classify(status, body);
    }

    static MarketDataException classify(int status, String rawBody) {
        String body = Redactor.redact(rawBody);
        String message = "FMP answered HTTP " + status + (body.isBlank() ? "" : ": " + body);
        boolean planLimit = body.contains("Bandwidth Limit Reach") || body.contains("Premium Query Parameter")
                || body.contains("Exclusive Endpoint");
        if (planLimit) {
            return new MarketDataException(MarketDataException.Kind.REJECTED, message);
        }
        if (status == 429 || body.contains("Limit Reach")) {
            return new RetryableMarketDataException(MarketDataException.Kind.THROTTLED, message, null);
        }
        if (status >= 500) {
            return new RetryableMarketDataException(MarketDataException.Kind.TRANSIENT, message, null);
        }
        return new MarketDataException(MarketDataException.Kind.REJECTED, message);
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
