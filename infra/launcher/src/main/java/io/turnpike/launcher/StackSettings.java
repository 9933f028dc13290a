package io.turnpike.launcher;

import io.turnpike.proxy.ProxySettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the one-machine stack needs to know. A null {@code kafkaBootstrap} starts an embedded broker, a null
 * {@code clickHouseUrl} a local ClickHouse server, a null {@code eventStoreUrl} the embedded H2 event store — the
 * same settings point each piece at production services instead. {@code replicaPollInterval}: how often the
 * aggregates read a PostgreSQL event store for other replicas' admin changes (zero: never; null: the default).
 * {@code streamJobsInProcess}: whether this process runs the Flink jobs on a MiniCluster (false when they run on a
 * Flink cluster from the job jar).
 */
record StackSettings(
        Path home,
        String proxyHost, int proxyPort,
        String apiHost, int apiPort,
        String kafkaBootstrap, int kafkaPort, int kafkaControllerPort,
        String clickHouseUrl, int clickHouseHttpPort, int clickHouseTcpPort,
        String clickHouseDatabase, String clickHouseUser, String clickHousePassword,
        String eventStoreUrl, String eventStoreUser, String eventStorePassword,
        String adminToken,
        ProxyOptions proxy,
        Duration replicaPollInterval,
        boolean streamJobsInProcess) {

    /** Data-path limits, the price file and the budget refusal status; defaults suit Claude clients on one machine. */
    record ProxyOptions(long maxRequestBodyBytes, Duration upstreamConnectTimeout, Duration upstreamReadTimeout,
                        Path pricingFile, int budgetRefusalStatus) {
        ProxyOptions(long maxRequestBodyBytes, Duration upstreamConnectTimeout, Duration upstreamReadTimeout,
                     Path pricingFile) {
            this(maxRequestBodyBytes, upstreamConnectTimeout, upstreamReadTimeout, pricingFile,
                    ProxySettings.DEFAULT_BUDGET_REFUSAL_STATUS);
        }

        static ProxyOptions defaults() {
            ProxySettings proxy = ProxySettings.defaults();
            return new ProxyOptions(proxy.maxRequestBodyBytes(), proxy.upstreamConnectTimeout(),
                    proxy.upstreamReadTimeout(), null);
        }
    }

    /** Running the stream jobs in this process. */
    StackSettings(Path home, String proxyHost, int proxyPort, String apiHost, int apiPort,
                  String kafkaBootstrap, int kafkaPort, int kafkaControllerPort,
                  String clickHouseUrl, int clickHouseHttpPort, int clickHouseTcpPort,
                  String clickHouseDatabase, String clickHouseUser, String clickHousePassword,
                  String eventStoreUrl, String eventStoreUser, String eventStorePassword, String adminToken,
                  ProxyOptions proxy, Duration replicaPollInterval) {
        this(home, proxyHost, proxyPort, apiHost, apiPort, kafkaBootstrap, kafkaPort, kafkaControllerPort,
                clickHouseUrl, clickHouseHttpPort, clickHouseTcpPort, clickHouseDatabase, clickHouseUser,
                clickHousePassword, eventStoreUrl, eventStoreUser, eventStorePassword, adminToken, proxy,
                replicaPollInterval, true);
    }

    /** With the aggregates' default replica poll interval. */
    StackSettings(Path home, String proxyHost, int proxyPort, String apiHost, int apiPort,
                  String kafkaBootstrap, int kafkaPort, int kafkaControllerPort,
                  String clickHouseUrl, int clickHouseHttpPort, int clickHouseTcpPort,
                  String clickHouseDatabase, String clickHouseUser, String clickHousePassword,
                  String eventStoreUrl, String eventStoreUser, String eventStorePassword, String adminToken,
                  ProxyOptions proxy) {
        this(home, proxyHost, proxyPort, apiHost, apiPort, kafkaBootstrap, kafkaPort, kafkaControllerPort,
                clickHouseUrl, clickHouseHttpPort, clickHouseTcpPort, clickHouseDatabase, clickHouseUser,
                clickHousePassword, eventStoreUrl, eventStoreUser, eventStorePassword, adminToken, proxy, null);
    }

    StackSettings(Path home, String proxyHost, int proxyPort, String apiHost, int apiPort,
                  String kafkaBootstrap, int kafkaPort, int kafkaControllerPort,
                  String clickHouseUrl, int clickHouseHttpPort, int clickHouseTcpPort,
                  String clickHouseDatabase, String clickHouseUser, String clickHousePassword,
                  String eventStoreUrl, String eventStoreUser, String eventStorePassword, String adminToken) {
        this(home, proxyHost, proxyPort, apiHost, apiPort, kafkaBootstrap, kafkaPort, kafkaControllerPort,
                clickHouseUrl, clickHouseHttpPort, clickHouseTcpPort, clickHouseDatabase, clickHouseUser,
                clickHousePassword, eventStoreUrl, eventStoreUser, eventStorePassword, adminToken,
                ProxyOptions.defaults());
    }

    /** Loopback, free ports, everything embedded under {@code home}: for tests. */
    static StackSettings embeddedOnFreePorts(Path home) {
        return new StackSettings(home, "127.0.0.1", 0, "127.0.0.1", 0, null, 0, 0, null, 0, 0,
                "turnpike", "default", "", null, null, null, null);
    }
}
