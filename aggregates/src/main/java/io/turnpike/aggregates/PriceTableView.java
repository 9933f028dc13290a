package io.turnpike.aggregates;

import java.time.Instant;

/** A published price table: its version, the document as submitted, who published it and when. */
public record PriceTableView(String version, String document, String actor, Instant publishedAt) {
}
