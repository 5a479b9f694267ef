package org.marketetl.simulator;

/**
 * Error bodies as FMP words them. Sources (public client code and recorded responses):
 * 401 invalid key and 403 legacy texts appear verbatim in several projects' logs of live calls;
 * 402 "Premium Query Parameter: ..." is what plan-restricted parameters/symbols answer.
 * FMP's 429 body sometimes ends in ".../developer/docs/pricing " instead; clients should match
 * on the "Limit Reach" prefix, not the whole text.
 */
final class FmpErrors {

    private FmpErrors() {
    }

    static final String INVALID_KEY = error("Invalid API KEY. Feel free to create a Free API Key or visit "
            + "https://site.financialmodelingprep.com/faqs?search=why-is-my-api-key-invalid for more information.");

    static final String LIMIT_REACH = error("Limit Reach . Please upgrade your plan or visit our documentation for "
            + "more details at https://site.financialmodelingprep.com/");

    static final String LEGACY_ENDPOINT = error("Legacy Endpoint : Due to Legacy endpoints being no longer supported - "
            + "This endpoint is only available for legacy users who have valid subscriptions prior August 31, 2025. "
            + "Please visit our subscription page to upgrade your plan or contact us at "
            + "https://site.financialmodelingprep.com/developer/docs/pricing");

    static String premium(String endpoint) {
        return error("Premium Query Parameter: 'Special Endpoint : This value set for '" + endpoint
                + "' is not available under your current subscription please visit our subscription page to upgrade "
                + "your plan at https://site.financialmodelingprep.com/developer/docs/pricing'");
    }

    static String serverError(int status) {
        return error("Internal simulator fault " + status);
    }

    /** Simulator-only errors for requests the real API would answer differently or not at all. */
    static String badRequest(String why) {
        return error("simulator: " + why);
    }

    static String error(String message) {
        return "{\"Error Message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
