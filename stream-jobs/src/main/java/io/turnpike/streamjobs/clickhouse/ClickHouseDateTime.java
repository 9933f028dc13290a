package io.turnpike.streamjobs.clickhouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text form a {@code DateTime('UTC')} column accepts in JSONEachRow on every server version. 18.16 has no
 * DateTime64 and does not parse ISO-8601 with a 'T' and zone, so instants are written as
 * {@code yyyy-MM-dd HH:mm:ss} in UTC (sub-second precision goes into a separate {@code *_ms} column).
 */
public final class ClickHouseDateTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ClickHouseDateTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
