package io.turnpike.proxy.usage;

import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenEstimatorTest {

    private static long estimate(String json) {
        return TokenEstimator.estimate(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsTextAtThreeAndAHalfCharactersPerTokenPlusFramingPerMessage() {
        // "You are terse." (14) + "Hello there" (11) = 25 chars → ceil(25 / 3.5) = 8; one message → +3
        assertThat(estimate("""
                {"model":"m","system":"You are terse.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hello there"}]}]}"""))
                .isEqualTo(8 + TokenEstimator.TOKENS_PER_MESSAGE);
    }

    @Test
    void systemBlocksToolCallsAndToolResultsAllCount() {
        long plain = estimate("{\"messages\":[{\"role\":\"user\",\"content\":\"abcdefg\"}]}");
        long withTools = estimate("""
                {"system":[{"type":"text","text":"abcdefg"}],
                 "messages":[{"role":"user","content":"abcdefg"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"ls","input":{"p":"/"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"a.txt b.txt"}]}]}""");
        // system 7, user 7, tool_use "ls" + {"p":"/"} = 2 + 9, tool_result 11 → 36 chars → 11 tokens; 3 messages
        assertThat(plain).isEqualTo(2 + 3);
        assertThat(withTools).isEqualTo(11 + 3 * TokenEstimator.TOKENS_PER_MESSAGE);
    }

    @Test
    void toolDefinitionsAddTheirTextAndTheToolUseSystemPrompt() {
        long without = estimate("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        long with = estimate("""
                {"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object"}}]}""");
        // "hi" 2 → 1; tools: 11 + 7 + 17 = 35 chars → with "hi": 37 → 11
        assertThat(without).isEqualTo(1 + 3);
        assertThat(with).isEqualTo(11 + 3 + TokenEstimator.TOOL_USE_SYSTEM_PROMPT_TOKENS);
    }

    @Test
    void imagesAndBinaryDocumentsCountAFlatCeiling() {
        long estimate = estimate("""
                {"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"abcdefg"}}]}]}""");
        assertThat(estimate).isEqualTo(2 * TokenEstimator.TOKENS_PER_MEDIA_BLOCK + 2 + 3);
    }

    @Test
    void refusesBodiesWithoutMessages() {
        assertThatThrownBy(() -> estimate("{\"model\":\"m\"}"))
                .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> estimate("not json")).isInstanceOf(ProxyError.class);
    }
}
