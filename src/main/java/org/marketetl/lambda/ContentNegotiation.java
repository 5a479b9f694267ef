package org.marketetl.lambda;

import java.util.Locale;
import java.util.Optional;

/**
 * Which form of a run a client asked for with its {@code Accept} header (RFC 9110, 12.5.1): the
 * JSON report, unless it prefers HTML (a browser does), then the timeline page. Each form's
 * quality is that of the most specific range matching it ({@code text/html} before
 * {@code text/*} before {@code *}{@code /*}); on a tie, JSON. None acceptable: nothing to answer (406).
 */
final class ContentNegotiation {

    /** The forms of a run, with the Content-Type each is answered with. */
    enum Form {
        JSON("application/json"), HTML("text/html; charset=utf-8");

        private final String contentType;

        Form(String contentType) {
            this.contentType = contentType;
        }

        String contentType() {
            return contentType;
        }
    }

    private ContentNegotiation() {
    }

    /** The form to answer {@code accept} (null or blank: no preference, JSON); empty when neither is acceptable. */
    static Optional<Form> choose(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(Form.JSON);
        }
        double json = quality(accept, "application", "json");
        double html = quality(accept, "text", "html");
        if (html > json) {
            return Optional.of(Form.HTML);
        }
        return json > 0 ? Optional.of(Form.JSON) : Optional.empty();
    }

    /** The quality {@code accept} gives {@code type/subtype}: that of its most specific matching range, else 0. */
    static double quality(String accept, String type, String subtype) {
        int best = -1;
        double quality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = media.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String rangeType = media.substring(0, slash);
            String rangeSubtype = media.substring(slash + 1);
            int specificity = "*".equals(rangeType) && "*".equals(rangeSubtype) ? 0
                    : rangeType.equals(type) && "*".equals(rangeSubtype) ? 1
                    : rangeType.equals(type) && rangeSubtype.equals(subtype) ? 2 : -1;
            if (specificity > best) {
                best = specificity;
                quality = q(parts);
            }
        }
        return quality;
    }

    /** The range's {@code q} parameter (1 without one; an unreadable one counts as 0). */
    private static double q(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
