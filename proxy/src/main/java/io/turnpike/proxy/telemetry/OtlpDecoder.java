package io.turnpike.proxy.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.turnpike.events.telemetry.TelemetryReceived.Signal;
import io.turnpike.proxy.wire.ErrorTypes;
import io.turnpike.proxy.wire.ProxyError;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads an OTLP/HTTP export (protobuf or JSON, optionally gzip-encoded) with the official
 * {@code opentelemetry-proto} classes and keeps only its resource attributes and item count. The attributes of
 * every resource in the export are merged (the first value of a key wins) and bounded: at most
 * {@value #MAX_ATTRIBUTES} keys, values cut at {@value #MAX_VALUE_CHARS} characters.
 */
final class OtlpDecoder {
    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_VALUE_CHARS = 512;

    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final long maxDecodedBytes;

    OtlpDecoder(long maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** The media type the export is in: protobuf (also OTLP's default when none is sent) or JSON. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return PROTOBUF;
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case PROTOBUF, "application/protobuf" -> PROTOBUF;
            case JSON -> JSON;
            default -> throw new ProxyError(415, ErrorTypes.INVALID_REQUEST, "content-type \"" + base
                    + "\" is not supported for OTLP; send application/x-protobuf or application/json");
        };
    }

    /** The OTLP success body for {@code signal}: an empty {@code Export*ServiceResponse} in the request's format. */
    static byte[] successBody(Signal signal, String mediaType) {
        if (JSON.equals(mediaType)) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        Message empty = switch (signal) {
            case METRICS -> ExportMetricsServiceResponse.getDefaultInstance();
            case LOGS -> ExportLogsServiceResponse.getDefaultInstance();
            case TRACES -> ExportTraceServiceResponse.getDefaultInstance();
        };
        return empty.toByteArray();
    }

    /**
     * @throws ProxyError 400 {@code invalid_request_error} naming the signal when the body is not a valid export,
     *                    413 when it inflates beyond the body limit, 415 for an unsupported encoding
     */
    OtlpExport decode(Signal signal, String mediaType, String contentEncoding, byte[] body) {
        byte[] decoded = decompress(signal, contentEncoding, body);
        try {
            return switch (signal) {
                case METRICS -> metrics(parse(mediaType, decoded, ExportMetricsServiceRequest.newBuilder()));
                case LOGS -> logs(parse(mediaType, decoded, ExportLogsServiceRequest.newBuilder()));
                case TRACES -> traces(parse(mediaType, decoded, ExportTraceServiceRequest.newBuilder()));
            };
        } catch (InvalidProtocolBufferException | CharacterCodingException | RuntimeException e) {
            // The parser's message may quote the body; the client gets the signal and the format only.
            throw ProxyError.invalidRequest("the body is not a valid OTLP " + signal.wireName() + " export ("
                    + (JSON.equals(mediaType) ? "JSON" : "protobuf") + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T parse(String mediaType, byte[] body, Message.Builder builder)
            throws InvalidProtocolBufferException, CharacterCodingException {
        if (JSON.equals(mediaType)) {
            String json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            JSON_PARSER.merge(json, builder);
        } else {
            builder.mergeFrom(body);
        }
        return (T) builder.build();
    }

    private byte[] decompress(Signal signal, String contentEncoding, byte[] body) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return body;
        }
        if (!encoding.equals("gzip")) {
            throw new ProxyError(415, ErrorTypes.INVALID_REQUEST, "content-encoding \"" + encoding
                    + "\" is not supported for OTLP; send gzip or no encoding");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, body.length * 4));
            byte[] buffer = new byte[16 * 1024];
            for (int read; (read = in.read(buffer)) != -1; ) {
                if (out.size() + (long) read > maxDecodedBytes) {
                    throw ProxyError.requestTooLarge("the gzip-decoded OTLP body exceeds the maximum of "
                            + maxDecodedBytes + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ProxyError.invalidRequest("the body of the OTLP " + signal.wireName()
                    + " export is not valid gzip");
        }
    }

    private static OtlpExport metrics(ExportMetricsServiceRequest export) {
        Attributes attributes = new Attributes();
        long points = 0;
        for (ResourceMetrics resource : export.getResourceMetricsList()) {
            attributes.add(resource.getResource());
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    points += dataPoints(metric);
                }
            }
        }
        return new OtlpExport(attributes.values, points);
    }

    private static long dataPoints(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            case DATA_NOT_SET -> 0;
        };
    }

    private static OtlpExport logs(ExportLogsServiceRequest export) {
        Attributes attributes = new Attributes();
        long records = 0;
        for (ResourceLogs resource : export.getResourceLogsList()) {
            attributes.add(resource.getResource());
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                records += scope.getLogRecordsCount();
            }
        }
        return new OtlpExport(attributes.values, records);
    }

    private static OtlpExport traces(ExportTraceServiceRequest export) {
        Attributes attributes = new Attributes();
        long spans = 0;
        for (ResourceSpans resource : export.getResourceSpansList()) {
            attributes.add(resource.getResource());
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                spans += scope.getSpansCount();
            }
        }
        return new OtlpExport(attributes.values, spans);
    }

    /** Merged, bounded resource attributes, as strings. */
    private static final class Attributes {
        final Map<String, String> values = new LinkedHashMap<>();

        void add(Resource resource) {
            for (KeyValue attribute : resource.getAttributesList()) {
                if (values.size() >= MAX_ATTRIBUTES) {
                    return;
                }
                values.putIfAbsent(attribute.getKey(), bounded(render(attribute.getValue())));
            }
        }
    }

    /** An attribute value as text: scalars as themselves, arrays and key-value lists as JSON. */
    static String render(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> json(value).toString();
            // VALUE_NOT_SET, and value kinds newer than this code (e.g. dictionary-encoded strings)
            default -> "";
        };
    }

    private static com.fasterxml.jackson.databind.JsonNode json(AnyValue value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (value.getValueCase()) {
            case ARRAY_VALUE -> {
                ArrayNode array = nodes.arrayNode();
                value.getArrayValue().getValuesList().forEach(item -> array.add(json(item)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = nodes.objectNode();
                List<KeyValue> entries = value.getKvlistValue().getValuesList();
                entries.forEach(entry -> object.set(entry.getKey(), json(entry.getValue())));
                yield object;
            }
            case BOOL_VALUE -> nodes.booleanNode(value.getBoolValue());
            case INT_VALUE -> nodes.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> nodes.numberNode(value.getDoubleValue());
            case VALUE_NOT_SET -> nodes.nullNode();
            default -> nodes.textNode(render(value));
        };
    }

    private static String bounded(String value) {
        if (value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        int end = MAX_VALUE_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
