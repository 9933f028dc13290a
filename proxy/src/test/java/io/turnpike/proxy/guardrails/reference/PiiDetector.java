package io.turnpike.proxy.guardrails.reference;

import io.turnpike.proxy.guardrails.PiiCategory;
import io.turnpike.proxy.guardrails.PiiDetection;

import java.util.List;

/** Finds one category in a text: a candidate pattern, then validation the pattern cannot express. */
interface PiiDetector {
    PiiCategory category();

    List<PiiDetection> find(CharSequence text);
}
