/**
 * Frozen copies of the PII detectors and prompt-injection rules as they were before the prefilter rewrite (commit
 * 583bcaf), kept verbatim apart from the package and visibility. They are the straightforward reference that the
 * equivalence tests hold the optimised detectors to: do not optimise or fix them here — a behaviour change belongs
 * in the main code and in these copies together, with the reason in the commit.
 */
package io.turnpike.proxy.guardrails.reference;
