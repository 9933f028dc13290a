package io.turnpike.proxy.telemetry;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * OTLP exports shaped like Claude Code's: resource attributes {@code service.name=claude-code},
 * {@code service.version}, {@code session.id}, {@code user.email}, {@code os.type}; a known number of items.
 */
public final class OtlpSamples {
    public static final String SERVICE_VERSION = "2.0.14";
    public static final String SESSION_ID = "5b0c1c3e-aaaa-bbbb-cccc-0123456789ab";
    public static final String EMAIL = "ada@acme.com";

    private OtlpSamples() {
    }

    static Resource claudeCodeResource() {
        return Resource.newBuilder()
                .addAttributes(string("service.name", "claude-code"))
                .addAttributes(string("service.version", SERVICE_VERSION))
                .addAttributes(string("session.id", SESSION_ID))
                .addAttributes(string("user.email", EMAIL))
                .addAttributes(KeyValue.newBuilder().setKey("host.cores")
                        .setValue(AnyValue.newBuilder().setIntValue(8)))
                .addAttributes(KeyValue.newBuilder().setKey("os.tags").setValue(AnyValue.newBuilder()
                        .setArrayValue(ArrayValue.newBuilder()
                                .addValues(AnyValue.newBuilder().setStringValue("linux"))
                                .addValues(AnyValue.newBuilder().setBoolValue(true)))))
                .build();
    }

    /** 2 (sum) + 1 (gauge) + 3 (histogram) = 6 data points. */
    public static ExportMetricsServiceRequest metrics() {
        Metric tokens = Metric.newBuilder().setName("claude_code.token.usage").setSum(Sum.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(120).addAttributes(string("type", "input")))
                .addDataPoints(NumberDataPoint.newBuilder().setAsInt(40).addAttributes(string("type", "output"))))
                .build();
        Metric sessions = Metric.newBuilder().setName("claude_code.session.count")
                .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setAsInt(1))).build();
        Metric latency = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(1))
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(2))
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(3))).build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(claudeCodeResource())
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(tokens).addMetrics(sessions))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(latency))).build();
    }

    /** 3 log records over two scopes. */
    public static ExportLogsServiceRequest logs() {
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(claudeCodeResource())
                .addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder()
                                .setStringValue("claude_code.user_prompt")))
                        .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder()
                                .setStringValue("claude_code.api_request"))))
                .addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder()
                                .setStringValue("claude_code.tool_result"))))).build();
    }

    /** 2 spans, with real 16- and 8-byte ids (hex in OTLP JSON). */
    public static ExportTraceServiceRequest traces() {
        HexFormat hex = HexFormat.of();
        Span.Builder span = Span.newBuilder().setName("llm_request")
                .setTraceId(ByteString.copyFrom(hex.parseHex("5b8efff798038103d269b633813fc60c")))
                .setSpanId(ByteString.copyFrom(hex.parseHex("eee19b7ec3c1b174")));
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(claudeCodeResource())
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span).addSpans(span.setName("tool")))).build();
    }

    /**
     * OTLP/JSON as exporters write it: lowerCamelCase fields and hex trace/span ids (not protobuf JSON's base64).
     */
    public static String json(Message export) {
        try {
            String json = JsonFormat.printer().print(export);
            if (export instanceof ExportTraceServiceRequest) {
                json = json.replace("\"W47/95gDgQPSabYzgT/GDA==\"", "\"5b8efff798038103d269b633813fc60c\"")
                        .replace("\"7uGbfsPBsXQ=\"", "\"eee19b7ec3c1b174\"");
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
