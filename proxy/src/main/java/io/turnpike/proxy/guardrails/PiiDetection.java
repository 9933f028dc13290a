package io.turnpike.proxy.guardrails;

/** A detected item: {@code [start, end)} in the scanned text. */
public record PiiDetection(int start, int end, PiiCategory category) {
    public boolean overlaps(PiiDetection other) {
        return start < other.end && other.start < end;
    }
}
