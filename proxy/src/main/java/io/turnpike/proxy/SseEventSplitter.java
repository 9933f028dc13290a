package io.turnpike.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a server-sent-events byte stream into whole events, each kept byte for byte (terminating blank line
 * included) so that what passes through is exactly what the upstream sent. Chunks may split events, lines and
 * UTF-8 characters anywhere; lines may end in LF, CRLF or CR.
 */
final class SseEventSplitter {

    /** One event: its raw bytes, its {@code event:} name (or null) and its {@code data:} lines joined by LF. */
    record Event(byte[] raw, String name, String data) {
    }

    private final ByteArrayOutputStream current = new ByteArrayOutputStream(512);
    private int lineLength;
    private boolean lastWasCarriageReturn;

    /** The events completed by {@code chunks}; bytes of an unfinished event are kept for the next call. */
    List<Event> feed(ByteBuffer[] chunks) {
        List<Event> events = new ArrayList<>(2);
        for (ByteBuffer chunk : chunks) {
            ByteBuffer view = chunk.duplicate();
            while (view.hasRemaining()) {
                byte b = view.get();
                current.write(b);
                if (b == '\n' && lastWasCarriageReturn) {
                    lastWasCarriageReturn = false;
                    continue; // the LF of a CRLF: the line already ended at the CR
                }
                lastWasCarriageReturn = b == '\r';
                if (b == '\n' || b == '\r') {
                    if (lineLength == 0) {
                        events.add(complete());
                    }
                    lineLength = 0;
                } else {
                    lineLength++;
                }
            }
        }
        return events;
    }

    /** Whatever is left over at the end of the stream (an event without its blank line), or empty. */
    byte[] remainder() {
        return current.toByteArray();
    }

    private Event complete() {
        byte[] raw = current.toByteArray();
        current.reset();
        // With CRLF the blank line's LF comes after this cut and leads the next event's bytes: the concatenation
        // of all events still equals the stream.
        return parse(raw);
    }

    static Event parse(byte[] raw) {
        String name = null;
        StringBuilder data = null;
        for (String line : new String(raw, StandardCharsets.UTF_8).split("\r\n|\r|\n")) {
            if (line.startsWith("event:")) {
                name = field(line, "event:".length());
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(field(line, "data:".length()));
            }
        }
        return new Event(raw, name, data == null ? null : data.toString());
    }

    private static String field(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }
}
