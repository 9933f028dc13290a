package io.turnpike.launcher;

import java.nio.file.Path;

/**
 * Everything the one-machine stack needs to know. A null {@code kafkaBootstrap} starts an embedded broker, a null
 * {@code clickHouseUrl} a local ClickHouse server, a null {@code eventStoreUrl} the embedded H2 event store — the
 * same settings point each piece at production services instead.
 */
record StackSettings(
        Path home,
        String proxyHost, int proxyPort,
        String apiHost, int apiPort,
        String kafkaBootstrap, int kafkaPort, int kafkaControllerPort,
        String clickHouseUrl, int clickHouseHttpPort, int clickHouseTcpPort,
        String clickHouseDatabase, String clickHouseUser, String clickHousePassword,
        String eventStoreUrl, String eventStoreUser, String eventStorePassword,
        String adminToken) {

    /** Loopback, free ports, everything embedded under {@code home}: for tests. */
    static StackSettings embeddedOnFreePorts(Path home) {
        return new StackSettings(home, "127.0.0.1", 0, "127.0.0.1", 0, null, 0, 0, null, 0, 0,
                "turnpike", "default", "", null, null, null, null);
    }
}
