package io.turnpike.proxy.models;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsPageTest {
    private static final List<ModelInfo> MODELS = IntStream.rangeClosed(1, 5)
            .mapToObj(i -> new ModelInfo("m" + i, "Model " + i, Instant.EPOCH)).toList();

    @Test
    void firstPageHonoursTheLimitAndSaysThereIsMore() {
        ModelsPage page = ModelsPage.of(MODELS, "2", null, null);
        assertThat(page.data()).extracting(ModelInfo::id).containsExactly("m1", "m2");
        assertThat(page.hasMore()).isTrue();
        ObjectNode json = page.toJson();
        assertThat(json.get("first_id").asText()).isEqualTo("m1");
        assertThat(json.get("last_id").asText()).isEqualTo("m2");
        assertThat(json.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void afterIdContinuesToTheEnd() {
        ModelsPage page = ModelsPage.of(MODELS, "2", "m3", null);
        assertThat(page.data()).extracting(ModelInfo::id).containsExactly("m4", "m5");
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void beforeIdGoesBackwards() {
        ModelsPage page = ModelsPage.of(MODELS, "2", null, "m4");
        assertThat(page.data()).extracting(ModelInfo::id).containsExactly("m2", "m3");
        assertThat(page.hasMore()).isTrue();
        assertThat(ModelsPage.of(MODELS, "5", null, "m2").hasMore()).isFalse();
    }

    @Test
    void defaultLimitIsTwenty() {
        ModelsPage page = ModelsPage.of(MODELS, null, null, null);
        assertThat(page.data()).hasSize(5);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void anEmptyPageHasNullIds() {
        ObjectNode json = ModelsPage.of(List.of(), null, null, null).toJson();
        assertThat(json.get("data")).isEmpty();
        assertThat(json.get("first_id").isNull()).isTrue();
        assertThat(json.get("last_id").isNull()).isTrue();
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> ModelsPage.of(MODELS, "0", null, null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> ModelsPage.of(MODELS, "1001", null, null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> ModelsPage.of(MODELS, "ten", null, null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> ModelsPage.of(MODELS, null, "m1", "m2")).hasMessageContaining("together");
        assertThatThrownBy(() -> ModelsPage.of(MODELS, null, "nope", null))
                .isInstanceOfSatisfying(ProxyError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("after_id");
    }
}
