package io.turnpike.proxy.guarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.exchange.ResponseFilter;
import io.turnpike.proxy.guardrails.Redaction;
import io.turnpike.proxy.guardrails.Redactor;
import io.turnpike.proxy.guardrails.SpanMatch;
import io.turnpike.proxy.guardrails.TextSpan;
import io.turnpike.proxy.wire.ProxyError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Output guardrails on a whole JSON Messages response: the body is held until it is complete, checked, then sent
 * as it came, sent with redacted blocks, or replaced by a 446. A body that is not a message passes unchanged.
 */
final class BodyOutputGuard implements ResponseFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputCheckpoint checkpoint;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);

    BodyOutputGuard(OutputCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    @Override
    public void accept(ByteBuffer[] upstream, Consumer<ByteBuffer[]> emit) {
        for (ByteBuffer buffer : upstream) {
            ByteBuffer view = buffer.duplicate();
            if (body.size() + view.remaining() > StreamOutputGuard.MAX_HELD_BYTES) {
                checkpoint.refuse(new ResponseText(), ProxyError.api("the response is larger than output "
                        + "guardrails can hold (" + StreamOutputGuard.MAX_HELD_BYTES / (1024 * 1024)
                        + " MiB); it was not sent"));
                return;
            }
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            body.write(bytes, 0, bytes.length);
        }
        emit.accept(NOTHING);
    }

    @Override
    public void finish(Consumer<ByteBuffer[]> emit) {
        byte[] bytes = body.toByteArray();
        JsonNode message = parse(bytes);
        if (!(message instanceof ObjectNode root) || !"message".equals(root.path("type").asText())) {
            emit.accept(new ByteBuffer[]{ByteBuffer.wrap(bytes)});
            return;
        }
        ResponseText text = ResponseText.ofMessage(root);
        checkpoint.conclude(text, redactions -> {
            if (redactions.isEmpty()) {
                emit.accept(new ByteBuffer[]{ByteBuffer.wrap(bytes)});
                return;
            }
            try {
                redact(root, text, redactions);
                emit.accept(new ByteBuffer[]{ByteBuffer.wrap(JSON.writeValueAsBytes(root))});
            } catch (ProxyError unredactable) {
                checkpoint.refuse(text, unredactable);
            } catch (IOException e) {
                checkpoint.refuse(text, ProxyError.api("the redacted response could not be written"));
            }
        });
    }

    @Override
    public void abandon() {
        checkpoint.abandon(new ResponseText()); // a body broken off is no message: nothing was checked
    }

    private static void redact(ObjectNode message, ResponseText text, List<SpanMatch> redactions) {
        Redaction redaction = Redactor.redact(text.spans(), redactions);
        ArrayNode content = (ArrayNode) message.get("content");
        List<TextSpan> before = text.spans();
        for (int i = 0; i < before.size(); i++) {
            TextSpan after = redaction.spans().get(i);
            if (after.text().equals(before.get(i).text())) {
                continue;
            }
            ObjectNode block = (ObjectNode) content.get(ResponseText.indexOf(after.source()));
            switch (ResponseText.kindOf(after.source())) {
                case TEXT -> block.put("text", after.text());
                case TOOL_INPUT -> {
                    JsonNode input = parse(after.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    if (input == null) {
                        throw ProxyError.api("a redact output guardrail left a tool input that is not valid JSON; "
                                + "the response was not sent");
                    }
                    block.set("input", input);
                }
                case THINKING -> throw ProxyError.guardrailDenied("response stopped: a redact output guardrail "
                        + "matched the model's thinking, which is signed and cannot be redacted", null);
            }
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
