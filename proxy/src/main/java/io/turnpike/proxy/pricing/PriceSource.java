package io.turnpike.proxy.pricing;

/**
 * Where the proxy gets the price table in force, asked once per priced request: a fixed table, or one an
 * administrator can replace at run time (the launcher serves the latest published one).
 */
@FunctionalInterface
public interface PriceSource {
    PriceTable current();

    static PriceSource fixed(PriceTable table) {
        return () -> table;
    }
}
