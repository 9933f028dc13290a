/**
 * Guardrails as admin objects: the document language ({@link io.turnpike.events.guardrails.GuardrailDocument},
 * shared by the admin API that stores it and the proxy that runs it) and the events recording definitions,
 * retirements and tenant baselines.
 */
package io.turnpike.events.guardrails;
