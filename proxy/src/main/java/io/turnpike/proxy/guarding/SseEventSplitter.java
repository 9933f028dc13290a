package io.turnpike.proxy.guarding;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a server-sent-events byte stream into whole events, each kept byte for byte (terminating blank line
 * included) so that what passes through is exactly what the upstream sent. Chunks may split events, lines and
 * UTF-8 characters anywhere; lines may end in LF, CRLF or CR. Bytes are copied in runs, not one by one: this sits
 * on every streamed response an output guardrail watches.
 */
final class SseEventSplitter {

    /** One event: its raw bytes, its {@code event:} name (or null) and its {@code data:} lines joined by LF. */
    record Event(byte[] raw, String name, String data) {
    }

    private byte[] current = new byte[512];
    private int size;
    private int lineLength;
    private boolean lastWasCarriageReturn;

    /** The events completed by {@code chunks}; bytes of an unfinished event are kept for the next call. */
    List<Event> feed(ByteBuffer[] chunks) {
        List<Event> events = new ArrayList<>(2);
        for (ByteBuffer chunk : chunks) {
            ByteBuffer view = chunk.duplicate();
            while (view.hasRemaining()) {
                int start = view.position();
                int end = start;
                boolean cut = false;
                while (end < view.limit()) {
                    byte b = view.get(end++);
                    if (b == '\n' && lastWasCarriageReturn) {
                        lastWasCarriageReturn = false;
                        continue; // the LF of a CRLF: the line already ended at the CR
                    }
                    lastWasCarriageReturn = b == '\r';
                    if (b == '\n' || b == '\r') {
                        if (lineLength == 0) {
                            cut = true;
                            break;
                        }
                        lineLength = 0;
                    } else {
                        lineLength++;
                    }
                }
                append(view, start, end);
                view.position(end);
                if (cut) {
                    events.add(complete());
                }
            }
        }
        return events;
    }

    /** Whatever is left over at the end of the stream (an event without its blank line), or empty. */
    byte[] remainder() {
        return Arrays.copyOf(current, size);
    }

    private void append(ByteBuffer view, int start, int end) {
        int length = end - start;
        if (size + length > current.length) {
            current = Arrays.copyOf(current, Math.max(current.length * 2, size + length));
        }
        view.get(start, current, size, length);
        size += length;
    }

    private Event complete() {
        byte[] raw = Arrays.copyOf(current, size);
        size = 0;
        // With CRLF the blank line's LF comes after this cut and leads the next event's bytes: the concatenation
        // of all events still equals the stream.
        return parse(raw);
    }

    static Event parse(byte[] raw) {
        String name = null;
        StringBuilder data = null;
        int line = 0;
        while (line < raw.length) {
            int end = line;
            while (end < raw.length && raw[end] != '\n' && raw[end] != '\r') {
                end++;
            }
            if (startsWith(raw, line, end, "event:")) {
                name = field(raw, line + "event:".length(), end);
            } else if (startsWith(raw, line, end, "data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(field(raw, line + "data:".length(), end));
            }
            line = end + 1;
        }
        return new Event(raw, name, data == null ? null : data.toString());
    }

    private static boolean startsWith(byte[] raw, int from, int end, String prefix) {
        if (end - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] raw, int from, int end) {
        int start = from < end && raw[from] == ' ' ? from + 1 : from;
        return new String(raw, start, end - start, StandardCharsets.UTF_8);
    }
}
