package io.turnpike.proxy.telemetry;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.turnpike.events.telemetry.TelemetryReceived.Signal;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static io.turnpike.proxy.telemetry.OtlpSamples.gzip;
import static io.turnpike.proxy.telemetry.OtlpSamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtlpDecoderTest {
    private static final Map<String, String> CLAUDE_CODE = Map.of(
            "service.name", "claude-code",
            "service.version", OtlpSamples.SERVICE_VERSION,
            "session.id", OtlpSamples.SESSION_ID,
            "user.email", OtlpSamples.EMAIL,
            "host.cores", "8",
            "os.tags", "[\"linux\",true]");

    private final OtlpDecoder decoder = new OtlpDecoder(1 << 20);

    private static byte[] protobuf(Signal signal) {
        return switch (signal) {
            case METRICS -> OtlpSamples.metrics().toByteArray();
            case LOGS -> OtlpSamples.logs().toByteArray();
            case TRACES -> OtlpSamples.traces().toByteArray();
        };
    }

    private static String json(Signal signal) {
        return switch (signal) {
            case METRICS -> OtlpSamples.json(OtlpSamples.metrics());
            case LOGS -> OtlpSamples.json(OtlpSamples.logs());
            case TRACES -> OtlpSamples.json(OtlpSamples.traces());
        };
    }

    private static long expectedCount(Signal signal) {
        return switch (signal) {
            case METRICS -> 6;
            case LOGS -> 3;
            case TRACES -> 2;
        };
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void readsResourceAttributesAndCountsFromProtobuf(Signal signal) {
        OtlpExport export = decoder.decode(signal, OtlpDecoder.PROTOBUF, null, protobuf(signal));
        assertThat(export.resourceAttributes()).isEqualTo(CLAUDE_CODE);
        assertThat(export.itemCount()).isEqualTo(expectedCount(signal));
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void readsOtlpJsonWithHexIds(Signal signal) {
        OtlpExport export = decoder.decode(signal, OtlpDecoder.JSON, null, utf8(json(signal)));
        assertThat(export.resourceAttributes()).isEqualTo(CLAUDE_CODE);
        assertThat(export.itemCount()).isEqualTo(expectedCount(signal));
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void readsGzipEncodedBodies(Signal signal) {
        OtlpExport export = decoder.decode(signal, OtlpDecoder.PROTOBUF, "gzip", gzip(protobuf(signal)));
        assertThat(export.itemCount()).isEqualTo(expectedCount(signal));
    }

    @Test
    void anEmptyProtobufBodyIsAnEmptyExport() {
        OtlpExport export = decoder.decode(Signal.LOGS, OtlpDecoder.PROTOBUF, null, new byte[0]);
        assertThat(export.itemCount()).isZero();
        assertThat(export.resourceAttributes()).isEmpty();
    }

    @Test
    void mergesSeveralResourcesFirstValueWins() {
        var metrics = OtlpSamples.metrics().toBuilder();
        metrics.addResourceMetrics(metrics.getResourceMetrics(0).toBuilder().setResource(
                io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(
                        io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("service.name").setValue(
                                io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("other")))
                        .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("extra")
                                .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
                                        .setStringValue("x".repeat(2_000))))));
        OtlpExport export = decoder.decode(Signal.METRICS, OtlpDecoder.PROTOBUF, null, metrics.build().toByteArray());
        assertThat(export.itemCount()).isEqualTo(12);
        assertThat(export.resourceAttributes()).containsEntry("service.name", "claude-code");
        assertThat(export.resourceAttributes().get("extra")).hasSize(OtlpDecoder.MAX_VALUE_CHARS);
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void refusesMalformedBodiesNamingTheSignal(Signal signal) {
        assertThatThrownBy(() -> decoder.decode(signal, OtlpDecoder.PROTOBUF, null, new byte[]{(byte) 0xFF, 0x01}))
                .isInstanceOfSatisfying(ProxyError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("invalid_request_error");
                })
                .hasMessageContaining(signal.wireName()).hasMessageContaining("protobuf");
        assertThatThrownBy(() -> decoder.decode(signal, OtlpDecoder.JSON, null, utf8("{\"resource")))
                .isInstanceOf(ProxyError.class).hasMessageContaining(signal.wireName()).hasMessageContaining("JSON");
        assertThatThrownBy(() -> decoder.decode(signal, OtlpDecoder.PROTOBUF, "gzip", utf8("not gzip")))
                .isInstanceOf(ProxyError.class).hasMessageContaining("gzip");
    }

    @Test
    void refusesABodyThatInflatesBeyondTheLimit() {
        OtlpDecoder small = new OtlpDecoder(64 * 1024);
        assertThatThrownBy(() -> small.decode(Signal.LOGS, OtlpDecoder.PROTOBUF, "gzip", gzip(new byte[200_000])))
                .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void acceptsProtobufAndJsonMediaTypesOnly() {
        assertThat(OtlpDecoder.mediaType(null)).isEqualTo(OtlpDecoder.PROTOBUF);
        assertThat(OtlpDecoder.mediaType("application/x-protobuf")).isEqualTo(OtlpDecoder.PROTOBUF);
        assertThat(OtlpDecoder.mediaType("application/json; charset=utf-8")).isEqualTo(OtlpDecoder.JSON);
        assertThatThrownBy(() -> OtlpDecoder.mediaType("text/plain"))
                .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> decoderRefusesEncoding("br")).isInstanceOf(ProxyError.class)
                .hasMessageContaining("content-encoding");
    }

    private void decoderRefusesEncoding(String encoding) {
        decoder.decode(Signal.LOGS, OtlpDecoder.PROTOBUF, encoding, new byte[0]);
    }

    @Test
    void answersWithAnEmptyExportResponse() throws Exception {
        byte[] protobuf = OtlpDecoder.successBody(Signal.METRICS, OtlpDecoder.PROTOBUF);
        assertThat(ExportMetricsServiceResponse.parseFrom(protobuf))
                .isEqualTo(ExportMetricsServiceResponse.getDefaultInstance());
        assertThat(new String(OtlpDecoder.successBody(Signal.TRACES, OtlpDecoder.JSON))).isEqualTo("{}");
    }
}
