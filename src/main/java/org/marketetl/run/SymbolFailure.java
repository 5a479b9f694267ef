package org.marketetl.run;

/** One symbol a step could not load, and why (already free of secrets). */
public record SymbolFailure(String symbol, String reason) {
}
