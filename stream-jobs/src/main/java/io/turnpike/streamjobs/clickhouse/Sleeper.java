package io.turnpike.streamjobs.clickhouse;

import java.time.Duration;

/** Waiting between retries, replaceable so tests do not sleep. */
interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
