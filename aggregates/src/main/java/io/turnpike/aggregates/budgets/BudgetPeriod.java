package io.turnpike.aggregates.budgets;

import io.turnpike.aggregates.ValidationException;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a budget's spend starts again from zero. All boundaries are UTC: {@code daily} at 00:00, {@code weekly} on
 * Monday 00:00, {@code monthly} on the 1st 00:00, {@code custom:<days>} every that many days counted from 00:00 of
 * the day the budget was created, {@code none} never.
 */
public record BudgetPeriod(String kind, int days) {
    static final String FIELD = "budgets.period";
    static final int MAX_CUSTOM_DAYS = 366;
    private static final Pattern CUSTOM = Pattern.compile("^custom:(\\d{1,3})$");

    public static BudgetPeriod parse(String text) {
        if (text == null) {
            throw new ValidationException(FIELD, "is required: none, daily, weekly, monthly or custom:<days>");
        }
        switch (text) {
            case "none", "daily", "weekly", "monthly" -> {
                return new BudgetPeriod(text, 0);
            }
            default -> {
                Matcher custom = CUSTOM.matcher(text);
                int days = custom.matches() ? Integer.parseInt(custom.group(1)) : 0;
                if (days < 1 || days > MAX_CUSTOM_DAYS) {
                    throw new ValidationException(FIELD,
                            "must be none, daily, weekly, monthly or custom:<days> with 1 to " + MAX_CUSTOM_DAYS + " days");
                }
                return new BudgetPeriod("custom", days);
            }
        }
    }

    /**
     * The start of the period that contains {@code now}; {@code createdAt} anchors {@code none} (the one period
     * starts at creation) and {@code custom} periods.
     */
    public Instant startOf(Instant now, Instant createdAt) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate start = switch (kind) {
            case "none" -> null;
            case "daily" -> day;
            case "weekly" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "monthly" -> day.withDayOfMonth(1);
            default -> {
                LocalDate anchor = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
                long elapsed = Math.max(0, ChronoUnit.DAYS.between(anchor, day));
                yield anchor.plusDays(elapsed - elapsed % days);
            }
        };
        return start == null ? createdAt : start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
