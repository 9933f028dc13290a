package io.turnpike.aggregates.rules;

import io.turnpike.aggregates.ValidationException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Input rules shared by the aggregates' command handlers; each failure names the offending field. */
public final class Rules {
    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");
    public static final Set<String> PROVIDER_TYPES = Set.of("mock", "anthropic", "bedrock", "vertex");
    public static final int MAX_TEXT = 128;

    private Rules() {
    }

    public static void requireId(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ValidationException(field, "must match " + ID.pattern());
        }
    }

    public static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw new ValidationException(field, "must be at most " + maxLength + " characters");
        }
    }

    public static void requireActor(String actor) {
        requireText("actor", actor, MAX_TEXT);
    }

    /** Users are compared case-insensitively ({@code A@acme.com} is {@code a@acme.com}) and without spaces around. */
    public static String normalisedUser(String user) {
        return user == null ? null : user.trim().toLowerCase(Locale.ROOT);
    }

    public static void requireHttpUrl(String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new ValidationException(field, "must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new ValidationException(field, "must be an absolute http(s) URL");
        }
    }

    /** String map entries: non-empty keys, non-null values, both bounded. */
    public static void requireStringMap(String field, Map<String, String> map, int maxValueLength) {
        if (map == null) {
            return;
        }
        map.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > MAX_TEXT) {
                throw new ValidationException(field, "keys must be 1 to " + MAX_TEXT + " characters");
            }
            if (value == null) {
                throw new ValidationException(field + "." + key, "must be a string");
            }
            if (value.length() > maxValueLength) {
                throw new ValidationException(field + "." + key, "must be at most " + maxValueLength + " characters");
            }
        });
    }
}
