package io.turnpike.aggregates;

import java.util.List;

/**
 * The outcome of saving a config version: the config as it now is, plus the document's warnings ({@code path:
 * message}, e.g. unknown keys kept but ignored); empty when there are none.
 */
public record SavedConfig(ConfigView config, List<String> warnings) {
    public SavedConfig {
        warnings = List.copyOf(warnings);
    }
}
