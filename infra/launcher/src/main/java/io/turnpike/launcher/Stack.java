package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GovernanceOptions;
import io.turnpike.events.Topics;
import io.turnpike.infra.local.LocalClickHouse;
import io.turnpike.infra.local.LocalKafkaBroker;
import io.turnpike.proxy.KafkaRequestEventPublisher;
import io.turnpike.proxy.ProxyServer;
import io.turnpike.proxy.ProxySettings;
import io.turnpike.proxy.guardrails.RunnableGuardrails;
import io.turnpike.proxy.pricing.PriceTable;
import io.turnpike.query.QueryApiServer;
import io.turnpike.query.QueryApiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * The whole Turnpike on one machine, started in data-flow order and stopped in reverse: ClickHouse and Kafka
 * (local unless external ones are configured), the aggregates, the stream jobs (request log and guardrail
 * evaluations) on one Flink MiniCluster, the proxy and the query API.
 */
final class Stack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AdminTokenStore.AdminToken adminToken;
    private String proxyUrl;
    private String apiUrl;
    private String clickHouseUrl;
    private String kafkaBootstrap;
    private Long clickHousePid;

    private Stack(AdminTokenStore.AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    static Stack start(StackSettings settings) {
        Stack stack = new Stack(AdminTokenStore.resolve(settings.adminToken(), settings.home()));
        try {
            stack.startAll(settings);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(StackSettings s) {
        clickHouseUrl = s.clickHouseUrl();
        if (clickHouseUrl == null) {
            LocalClickHouse clickHouse = LocalClickHouse.start(s.home().resolve("clickhouse"),
                    s.clickHouseHttpPort(), s.clickHouseTcpPort());
            started.push(clickHouse);
            clickHouseUrl = clickHouse.httpUrl();
            clickHousePid = clickHouse.pid();
        }
        kafkaBootstrap = s.kafkaBootstrap();
        if (kafkaBootstrap == null) {
            LocalKafkaBroker kafka = LocalKafkaBroker.start(s.home().resolve("kafka"), s.kafkaPort(),
                    s.kafkaControllerPort());
            started.push(kafka);
            kafkaBootstrap = kafka.bootstrapServers();
        }
        for (String topic : List.of(Topics.REQUESTS, Topics.ATTEMPTS, Topics.TELEMETRY, Topics.HEALTH, Topics.POLICY,
                Topics.GUARDRAILS)) {
            LocalKafkaBroker.createTopic(kafkaBootstrap, topic, 2);
        }

        Governance governance = Governance.start(new GovernanceOptions(s.home(), s.eventStoreUrl(),
                s.eventStoreUser(), s.eventStorePassword(), s.replicaPollInterval()));
        started.push(governance);

        if (s.streamJobsInProcess()) {
            started.push(StreamJobsPipeline.start(kafkaBootstrap, clickHouseUrl, s));
        } else {
            LOG.info("stream jobs not started here: they run on a Flink cluster (--stream-jobs off)");
        }

        BudgetGateAdapter budgets = new BudgetGateAdapter(governance);
        started.push(budgets); // closed after the proxy: lets its last settles reach the aggregates

        KafkaRequestEventPublisher publisher = new KafkaRequestEventPublisher(kafkaBootstrap, Topics.REQUESTS);
        started.push(publisher);
        StackSettings.ProxyOptions options = s.proxy();
        PriceTable shippedOrFile = options.pricingFile() == null ? PriceTable.loadDefault()
                : PriceTable.load(options.pricingFile());
        ProxyServer proxy = ProxyServer.start(ProxySettings.defaults().withHost(s.proxyHost()).withPort(s.proxyPort())
                        .withMaxRequestBodyBytes(options.maxRequestBodyBytes())
                        .withUpstreamTimeouts(options.upstreamConnectTimeout(), options.upstreamReadTimeout())
                        .withBudgetRefusalStatus(options.budgetRefusalStatus()),
                new DirectoryAdapter(governance), publisher, new PublishedPrices(governance, shippedOrFile),
                Clock.systemUTC(), new Random(), budgets);
        started.push(proxy);
        proxyUrl = "http://" + s.proxyHost() + ":" + proxy.port();

        QueryApiServer api = QueryApiServer.start(new QueryApiSettings(s.apiHost(), s.apiPort(), adminToken.value(),
                clickHouseUrl, s.clickHouseUser(), s.clickHousePassword(), s.clickHouseDatabase()), governance,
                RunnableGuardrails::verify);
        started.push(api);
        apiUrl = "http://" + s.apiHost() + ":" + api.port();
    }

    String proxyUrl() {
        return proxyUrl;
    }

    String apiUrl() {
        return apiUrl;
    }

    String clickHouseUrl() {
        return clickHouseUrl;
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    Long clickHousePid() {
        return clickHousePid;
    }

    AdminTokenStore.AdminToken adminToken() {
        return adminToken;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", component.getClass().getSimpleName(), e);
            }
        }
    }
}
