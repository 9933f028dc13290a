package io.turnpike.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.aggregates.BudgetView;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.NotFoundException;
import io.turnpike.query.http.ApiError;
import io.turnpike.query.http.JsonExchange;
import io.undertow.server.HttpServerExchange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/admin/budgets}: {@code POST} creates {@code {"id"?, "name"?, "scope", "unit", "limit", "period",
 * "thresholds"?}}; {@code GET} lists; {@code GET /{id}} shows one. USD amounts travel as decimal strings of dollars
 * ({@code "250.00"}) next to their exact nano-USD integers; token amounts as integers.
 */
public final class BudgetAdmin {
    /** Nano-USD per USD: amounts are stored as USD × 10⁹ (money is never a float). */
    private static final int NANO_DIGITS = 9;

    private final Governance governance;

    public BudgetAdmin(Governance governance) {
        this.governance = governance;
    }

    public void create(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String unit = AdminJson.requiredText(json, "unit");
        if (!unit.equals("usd") && !unit.equals("tokens")) {
            throw ApiError.invalid("unit", "unit must be usd or tokens");
        }
        BudgetView view = governance.createBudget(optionalText(json, "id"), optionalText(json, "name"),
                AdminJson.stringMap(json.get("scope"), "scope"), unit, limit(json.get("limit"), unit),
                AdminJson.requiredText(json, "period"), thresholds(json.get("thresholds")), Actors.of(exchange));
        JsonExchange.send(exchange, 201, budget(view));
    }

    public void list(HttpServerExchange exchange, byte[] body) {
        ObjectNode response = JsonExchange.JSON.createObjectNode();
        ArrayNode data = response.putArray("data");
        governance.budgets().forEach(b -> data.add(budget(b)));
        JsonExchange.send(exchange, 200, response);
    }

    public void get(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        BudgetView view = governance.budget(id).orElseThrow(() -> new NotFoundException("budget '" + id + "' not found"));
        JsonExchange.send(exchange, 200, budget(view));
    }

    /** {@code PATCH /v1/admin/budgets/{id}}: {@code {"limit"?, "thresholds"?}}; other fields are refused by name. */
    public void change(HttpServerExchange exchange, byte[] body) {
        ObjectNode json = JsonExchange.parseObject(body);
        String id = JsonExchange.pathParam(exchange, "id");
        json.fieldNames().forEachRemaining(field -> {
            if (!field.equals("limit") && !field.equals("thresholds")) {
                throw ApiError.invalid(field, field + " cannot be changed; only limit and thresholds can");
            }
        });
        BudgetView current = governance.budget(id).orElseThrow(() -> new NotFoundException("budget '" + id + "' not found"));
        long limit = json.has("limit") ? limit(json.get("limit"), current.unit()) : current.limit();
        BudgetView view = governance.changeBudgetLimit(id, limit, thresholds(json.get("thresholds")), Actors.of(exchange));
        JsonExchange.send(exchange, 200, budget(view));
    }

    /** {@code DELETE /v1/admin/budgets/{id}}: the budget stops applying; its history stays in the event store. */
    public void retire(HttpServerExchange exchange, byte[] body) {
        String id = JsonExchange.pathParam(exchange, "id");
        BudgetView view = governance.budget(id).orElseThrow(() -> new NotFoundException("budget '" + id + "' not found"));
        governance.retireBudget(id, Actors.of(exchange));
        ObjectNode response = budget(view);
        response.put("retired", true);
        JsonExchange.send(exchange, 200, response);
    }

    /** USD: dollars as a decimal string or number with at most 9 decimals; tokens: a whole number. */
    static long limit(JsonNode node, String unit) {
        if (node == null || node.isNull()) {
            throw ApiError.invalid("limit", "limit is required");
        }
        try {
            BigDecimal value = node.isTextual() ? new BigDecimal(node.asText().trim())
                    : node.isNumber() ? node.decimalValue() : null;
            if (value == null) {
                throw ApiError.invalid("limit", "limit must be a number or a decimal string");
            }
            long amount = unit.equals("usd") ? value.movePointRight(NANO_DIGITS).longValueExact()
                    : value.longValueExact();
            if (amount <= 0) {
                throw ApiError.invalid("limit", "limit must be positive");
            }
            return amount;
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiError.invalid("limit", unit.equals("usd")
                    ? "limit must be an amount of USD with at most 9 decimals, e.g. \"250.00\""
                    : "limit must be a whole number of tokens");
        }
    }

    private static List<Integer> thresholds(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiError.invalid("thresholds", "thresholds must be an array of percentages");
        }
        List<Integer> out = new ArrayList<>();
        node.forEach(element -> {
            if (!element.canConvertToExactIntegral() || !element.canConvertToInt()) {
                throw ApiError.invalid("thresholds", "thresholds must be whole percentages");
            }
            out.add(element.intValue());
        });
        return out;
    }

    private static String optionalText(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiError.invalid(field, field + " must be a non-empty string");
        }
        return value.asText();
    }

    static ObjectNode budget(BudgetView view) {
        ObjectNode node = JsonExchange.JSON.createObjectNode();
        node.put("id", view.id());
        if (view.name() != null) {
            node.put("name", view.name());
        }
        ObjectNode scope = node.putObject("scope");
        view.scope().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> scope.put(e.getKey(), e.getValue()));
        node.put("unit", view.unit());
        node.put("period", view.period());
        node.put("period_start", view.periodStart().toString());
        amount(node, "limit", view.limit(), view.unit());
        amount(node, "reserved", view.reserved(), view.unit());
        amount(node, "spent", view.spent(), view.unit());
        amount(node, "remaining", view.remaining(), view.unit());
        node.put("open_reservations", view.openReservations());
        ArrayNode thresholds = node.putArray("thresholds");
        view.thresholds().forEach(thresholds::add);
        node.put("created_at", view.createdAt().toString());
        return node;
    }

    private static void amount(ObjectNode node, String field, long amount, String unit) {
        if (unit.equals("usd")) {
            node.put(field, BigDecimal.valueOf(amount, NANO_DIGITS).stripTrailingZeros().toPlainString());
            node.put(field + "_nano_usd", amount);
        } else {
            node.put(field, amount);
        }
    }
}
