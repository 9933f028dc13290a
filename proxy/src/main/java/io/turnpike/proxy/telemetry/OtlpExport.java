package io.turnpike.proxy.telemetry;

import java.util.Map;

/** What the proxy keeps of one OTLP export: the resource attributes and how many items it carried. */
record OtlpExport(Map<String, String> resourceAttributes, long itemCount) {
    OtlpExport {
        resourceAttributes = Map.copyOf(resourceAttributes);
    }
}
