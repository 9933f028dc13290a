package io.turnpike.streamjobs.requestlog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.turnpike.events.request.RequestCompleted;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.streamjobs.clickhouse.ClickHouseDateTime;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of {@code request_log}, as Flink carries it and as it is inserted (JSON field names = column names).
 *
 * <p>A Flink POJO on purpose — public no-arg constructor, public mutable fields of basic types — so Flink
 * serializes it with its POJO serializer instead of falling back to Kryo. Null strings from the event become
 * {@code ""}; times are both a {@code DateTime} string (seconds, UTC) and epoch milliseconds.
 */
public class RequestLogRow {
    private static final ObjectMapper METADATA_JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @JsonProperty("request_id") public String requestId;
    @JsonProperty("trace_id") public String traceId;
    @JsonProperty("started_at") public String startedAt;
    @JsonProperty("started_at_ms") public long startedAtMs;
    @JsonProperty("completed_at") public String completedAt;
    @JsonProperty("completed_at_ms") public long completedAtMs;
    @JsonProperty("key_id") public String keyId;
    @JsonProperty("tenant") public String tenant;
    @JsonProperty("team") public String team;
    @JsonProperty("user") public String user;
    @JsonProperty("env") public String env;
    /** The event's metadata map as a JSON object with sorted keys; read with {@code visitParamExtractString}. */
    @JsonProperty("metadata") public String metadata;
    @JsonProperty("config_id") public String configId;
    @JsonProperty("provider") public String provider;
    @JsonProperty("provider_type") public String providerType;
    @JsonProperty("requested_model") public String requestedModel;
    @JsonProperty("served_model") public String servedModel;
    @JsonProperty("endpoint") public String endpoint;
    /** 1 for a streamed (SSE) response; UInt8 because 18.16 has no Bool. */
    @JsonProperty("stream") public int stream;
    @JsonProperty("http_status") public int httpStatus;
    @JsonProperty("error_type") public String errorType;
    @JsonProperty("input_tokens") public long inputTokens;
    @JsonProperty("output_tokens") public long outputTokens;
    @JsonProperty("cache_read_input_tokens") public long cacheReadInputTokens;
    @JsonProperty("cache_creation_input_tokens") public long cacheCreationInputTokens;
    @JsonProperty("cache_creation_1h_tokens") public long cacheCreation1hTokens;
    @JsonProperty("web_search_requests") public long webSearchRequests;
    @JsonProperty("config_version") public int configVersion;
    @JsonProperty("target_path") public String targetPath;
    @JsonProperty("attempts") public int attempts;
    @JsonProperty("cache_status") public String cacheStatus;
    @JsonProperty("saved_cost_nano_usd") public long savedCostNanoUsd;
    @JsonProperty("error_message") public String errorMessage;
    @JsonProperty("cost_nano_usd") public long costNanoUsd;
    @JsonProperty("price_version") public String priceVersion;
    @JsonProperty("latency_ms") public long latencyMs;
    /** Null when no token was produced (errors, non-streamed requests without a measurement). */
    @JsonProperty("time_to_first_token_ms") public Long timeToFirstTokenMs;
    @JsonProperty("session_id") public String sessionId;
    @JsonProperty("user_agent") public String userAgent;
    @JsonProperty("schema_version") public int schemaVersion;

    public RequestLogRow() {
    }

    /** The row for one event. Pure: the same event always gives an equal row, which is what makes replays collapse. */
    public static RequestLogRow of(RequestCompleted event) {
        RequestLogRow row = new RequestLogRow();
        row.requestId = event.requestId();
        row.traceId = text(event.traceId());
        row.startedAt = ClickHouseDateTime.format(event.startedAt());
        row.startedAtMs = event.startedAt().toEpochMilli();
        row.completedAt = ClickHouseDateTime.format(event.completedAt());
        row.completedAtMs = event.completedAt().toEpochMilli();
        row.keyId = text(event.keyId());
        row.tenant = text(event.tenant());
        row.team = text(event.team());
        row.user = text(event.user());
        row.env = text(event.env());
        row.metadata = metadataJson(event.metadata());
        row.configId = text(event.configId());
        row.provider = text(event.provider());
        row.providerType = text(event.providerType());
        row.requestedModel = text(event.requestedModel());
        row.servedModel = text(event.servedModel());
        row.endpoint = text(event.endpoint());
        row.stream = event.stream() ? 1 : 0;
        row.httpStatus = event.httpStatus();
        row.errorType = text(event.errorType());
        TokenUsage usage = event.usage();
        row.inputTokens = usage.inputTokens();
        row.outputTokens = usage.outputTokens();
        row.cacheReadInputTokens = usage.cacheReadInputTokens();
        row.cacheCreationInputTokens = usage.cacheCreationInputTokens();
        row.cacheCreation1hTokens = usage.cacheCreation1hTokens();
        row.webSearchRequests = usage.webSearchRequests();
        row.costNanoUsd = event.costNanoUsd();
        row.priceVersion = text(event.priceVersion());
        row.latencyMs = event.latencyMs();
        row.timeToFirstTokenMs = event.timeToFirstTokenMs();
        row.sessionId = text(event.sessionId());
        // Absent in events from before routing and caching were recorded: 0 and '' like the column defaults.
        row.configVersion = event.configVersion() == null ? 0 : event.configVersion();
        row.targetPath = text(event.targetPath());
        row.attempts = event.attempts() == null ? 0 : event.attempts();
        row.cacheStatus = text(event.cacheStatus());
        row.savedCostNanoUsd = event.savedCostNanoUsd() == null ? 0 : event.savedCostNanoUsd();
        row.errorMessage = text(event.errorMessage());
        row.userAgent = text(event.userAgent());
        row.schemaVersion = event.schemaVersion();
        return row;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String metadataJson(Map<String, String> metadata) {
        try {
            return METADATA_JSON.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RequestLogRow other)) {
            return false;
        }
        return startedAtMs == other.startedAtMs && completedAtMs == other.completedAtMs
                && stream == other.stream && httpStatus == other.httpStatus
                && inputTokens == other.inputTokens && outputTokens == other.outputTokens
                && cacheReadInputTokens == other.cacheReadInputTokens
                && cacheCreationInputTokens == other.cacheCreationInputTokens
                && cacheCreation1hTokens == other.cacheCreation1hTokens && webSearchRequests == other.webSearchRequests
                && configVersion == other.configVersion && attempts == other.attempts
                && savedCostNanoUsd == other.savedCostNanoUsd && Objects.equals(targetPath, other.targetPath)
                && Objects.equals(cacheStatus, other.cacheStatus) && Objects.equals(errorMessage, other.errorMessage)
                && costNanoUsd == other.costNanoUsd
                && latencyMs == other.latencyMs && schemaVersion == other.schemaVersion
                && Objects.equals(requestId, other.requestId) && Objects.equals(traceId, other.traceId)
                && Objects.equals(startedAt, other.startedAt) && Objects.equals(completedAt, other.completedAt)
                && Objects.equals(keyId, other.keyId) && Objects.equals(tenant, other.tenant)
                && Objects.equals(team, other.team) && Objects.equals(user, other.user)
                && Objects.equals(env, other.env) && Objects.equals(metadata, other.metadata)
                && Objects.equals(configId, other.configId) && Objects.equals(provider, other.provider)
                && Objects.equals(providerType, other.providerType)
                && Objects.equals(requestedModel, other.requestedModel)
                && Objects.equals(servedModel, other.servedModel) && Objects.equals(endpoint, other.endpoint)
                && Objects.equals(errorType, other.errorType) && Objects.equals(priceVersion, other.priceVersion)
                && Objects.equals(timeToFirstTokenMs, other.timeToFirstTokenMs)
                && Objects.equals(sessionId, other.sessionId) && Objects.equals(userAgent, other.userAgent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, startedAtMs, tenant);
    }

    @Override
    public String toString() {
        // Identity only: metadata and user agent may carry things that do not belong in logs.
        return "RequestLogRow[request_id=" + requestId + ", tenant=" + tenant + ", started_at=" + startedAt + "]";
    }
}
