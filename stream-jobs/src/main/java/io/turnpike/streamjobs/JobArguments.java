package io.turnpike.streamjobs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Long options of a job's {@code main}: {@code --name value} or {@code --name=value}, each name once. Every error
 * names the option it is about, since it ends up in the output of {@code flink run}.
 */
final class JobArguments {
    private final Map<String, String> values;

    private JobArguments(Map<String, String> values) {
        this.values = values;
    }

    /** @param known option names without the leading {@code --} */
    static JobArguments parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected an option like --name value, got: " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + new TreeSet<>(known));
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("option --" + name + " is given more than once");
            }
        }
        return new JobArguments(values);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    String text(String name, String defaultValue) {
        String value = values.getOrDefault(name, defaultValue);
        if (value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " must not be empty");
        }
        return value;
    }

    /** A whole number in {@code [min, max]}, or {@code defaultValue} when the option is absent. */
    long number(String name, long defaultValue, long min, long max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got: " + value);
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(
                    "--" + name + " must be between " + min + " and " + max + ", got: " + number);
        }
        return number;
    }

    static boolean asksForHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }
}
