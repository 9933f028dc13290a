package io.turnpike.proxy.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCatalogueTest {
    private final ModelCatalogue catalogue = ModelCatalogue.loadDefault();

    @Test
    void listsExactlyTheModelsOfThePriceTable() throws Exception {
        List<String> priced = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PriceTable.DEFAULT_RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            root.get("models").fieldNames().forEachRemaining(priced::add);
        }
        assertThat(catalogue.all()).extracting(ModelInfo::id).containsExactlyInAnyOrderElementsOf(priced);
    }

    @Test
    void listsNewestFirst() {
        List<ModelInfo> all = catalogue.all();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).createdAt()).isAfterOrEqualTo(all.get(i).createdAt());
        }
    }

    @Test
    void everyModelHasAnAnthropicStyleIdAndADisplayName() {
        assertThat(catalogue.all()).allSatisfy(model -> {
            assertThat(model.id()).matches("claude-[a-z0-9-]+");
            assertThat(model.displayName()).startsWith("Claude ");
        });
        assertThat(catalogue.find("claude-sonnet-4-5")).get().extracting(ModelInfo::displayName)
                .isEqualTo("Claude Sonnet 4.5");
    }

    @Test
    void findsAModelByAnyOfItsSpellings() {
        assertThat(catalogue.find("claude-sonnet-4-5-20250929")).get().extracting(ModelInfo::id)
                .isEqualTo("claude-sonnet-4-5");
        assertThat(catalogue.find("us.anthropic.claude-haiku-4-5-20251001-v1:0")).get().extracting(ModelInfo::id)
                .isEqualTo("claude-haiku-4-5");
        assertThat(catalogue.find("claude-opus-4-1@20250805")).get().extracting(ModelInfo::id)
                .isEqualTo("claude-opus-4-1");
        assertThat(catalogue.find("claude-opus-4-20250514")).get().extracting(ModelInfo::id)
                .isEqualTo("claude-opus-4-0");
        assertThat(catalogue.find("gpt-4o")).isEmpty();
    }

    @Test
    void rendersAnthropicsModelShape() {
        assertThat(catalogue.find("claude-haiku-4-5").orElseThrow().toJson().toString())
                .isEqualTo("{\"type\":\"model\",\"id\":\"claude-haiku-4-5\",\"display_name\":\"Claude Haiku 4.5\","
                        + "\"created_at\":\"2025-10-15T00:00:00Z\"}");
    }
}
