package io.turnpike.proxy.guardrails;

import java.util.List;

/** Finds one category in a text: a candidate pattern, then validation the pattern cannot express. */
interface PiiDetector {
    PiiCategory category();

    List<PiiDetection> find(PiiText text);
}
