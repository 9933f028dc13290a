/**
 * Events of the {@code Budget} aggregate. Amounts are longs in the budget's unit: nano-USD (USD × 10⁹) for
 * {@code usd} budgets, tokens for {@code tokens} budgets; money is never a float. Period starts are UTC instants.
 */
package io.turnpike.events.budget;
