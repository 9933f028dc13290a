package io.turnpike.aggregates;

/**
 * The result of issuing a gateway key: {@code key} is the plaintext, returned exactly once and stored nowhere.
 * {@link #toString()} masks it so it cannot leak into logs by accident.
 */
public record IssuedKey(String id, String key, KeyView view) {
    @Override
    public String toString() {
        return "IssuedKey[id=" + id + ", key=" + view.keyPrefix() + "***, view=" + view + "]";
    }
}
