package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.PriceTableView;
import io.turnpike.proxy.pricing.PriceSource;
import io.turnpike.proxy.pricing.PriceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The price table in force: the one an administrator published last, else the configured file (or the one
 * shipped with the proxy). Parsed once per published version; asked on the proxy's IO threads, so it only reads
 * memory.
 */
final class PublishedPrices implements PriceSource {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedPrices.class);

    private final Governance governance;
    private final PriceTable fallback;
    private volatile PriceTable published;

    PublishedPrices(Governance governance, PriceTable fallback) {
        this.governance = governance;
        this.fallback = fallback;
    }

    @Override
    public PriceTable current() {
        Optional<PriceTableView> latest = governance.currentPriceTable();
        if (latest.isEmpty()) {
            return fallback;
        }
        PriceTable cached = published;
        if (cached != null && cached.version().equals(latest.get().version())) {
            return cached;
        }
        try {
            cached = PriceTable.parse(latest.get().document());
            published = cached;
            return cached;
        } catch (RuntimeException e) {
            // The aggregate validated it; a table the proxy still cannot read must not stop pricing.
            LOG.error("published price table {} cannot be used; pricing with {}", latest.get().version(),
                    fallback.version(), e);
            return fallback;
        }
    }
}
