package io.turnpike.proxy.guardrails.reference;

import io.turnpike.proxy.guardrails.PiiCategory;
import io.turnpike.proxy.guardrails.PiiDetection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PII and secret detectors. {@link #scan} runs those asked for and resolves overlaps: where two detections
 * overlap, the category earlier in {@link PiiCategory} wins (then the earlier, then the longer).
 */
public final class PiiDetectors {
    private static final Map<PiiCategory, PiiDetector> DETECTORS = new EnumMap<>(PiiCategory.class);

    static {
        register(SecretDetectors.PRIVATE_KEY);
        register(SecretDetectors.ANTHROPIC_API_KEY);
        register(SecretDetectors.GCP_API_KEY);
        register(SecretDetectors.AWS_ACCESS_KEY_ID);
        register(SecretDetectors.AWS_SECRET_ACCESS_KEY);
        register(new IbanDetector());
        register(new CreditCardDetector());
        register(new EmailDetector());
        register(new UsSsnDetector());
        register(new IpAddressDetector());
        register(new PhoneDetector());
    }

    private PiiDetectors() {
    }

    private static void register(PiiDetector detector) {
        DETECTORS.put(detector.category(), detector);
    }

    /** Every detection of the given categories in {@code text}, without overlaps, ordered by position. */
    public static List<PiiDetection> scan(CharSequence text, Set<PiiCategory> categories) {
        List<PiiDetection> found = new ArrayList<>();
        for (PiiCategory category : categories) {
            found.addAll(DETECTORS.get(category).find(text));
        }
        return withoutOverlaps(found);
    }

    public static List<PiiDetection> scanAll(CharSequence text) {
        return scan(text, EnumSet.allOf(PiiCategory.class));
    }

    static List<PiiDetection> withoutOverlaps(List<PiiDetection> detections) {
        List<PiiDetection> byPriority = new ArrayList<>(detections);
        byPriority.sort(Comparator.comparing(PiiDetection::category)
                .thenComparingInt(PiiDetection::start)
                .thenComparing(Comparator.comparingInt((PiiDetection d) -> d.end() - d.start()).reversed()));
        List<PiiDetection> kept = new ArrayList<>();
        for (PiiDetection candidate : byPriority) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(PiiDetection::start));
        return kept;
    }
}
