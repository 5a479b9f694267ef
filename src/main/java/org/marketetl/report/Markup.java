package org.marketetl.report;

/**
 * Writes HTML (and the SVG inside it) with every text and attribute value escaped: the report's
 * texts (run ids, step errors, failure reasons) reach the page only through here. Tag and
 * attribute names are the caller's constants, never data.
 */
final class Markup {

    private final StringBuilder out = new StringBuilder(16_384);

    /** {@code <tag name="value" ...>}; {@code attributes} are name, value pairs. */
    Markup open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1]);
            out.append('"');
        }
        out.append('>');
        return this;
    }

    Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only {@code text}. */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** An element without content, written {@code <tag ...></tag>} (valid for SVG and HTML alike). */
    Markup empty(String tag, String... attributes) {
        return open(tag, attributes).close(tag);
    }

    Markup text(String text) {
        escape(text);
        return this;
    }

    /** Markup the caller wrote itself from constants (the doctype, the style sheet). */
    Markup constant(String markup) {
        out.append(markup);
        return this;
    }

    private void escape(String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters have no place in a page; a report never means them.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
