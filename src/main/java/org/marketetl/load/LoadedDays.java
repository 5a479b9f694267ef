package org.marketetl.load;

import java.time.LocalDate;

/** The first and last trading day of a symbol in DAILY_PRICE. */
record LoadedDays(LocalDate first, LocalDate last) {
}
