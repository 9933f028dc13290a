package io.turnpike.proxy.guardrails.reference;

import io.turnpike.proxy.guardrails.PiiCategory;
import io.turnpike.proxy.guardrails.PiiDetection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses. IPv4: four dotted decimal octets ≤ 255 without leading zeros, not part of a longer dotted run
 * (OIDs, {@code 1.2.3.4.5}) and not right after a version word ({@code version 1.2.3.4}, {@code v1.2.3.4}).
 * IPv6: parsed, not trusted to a regex — at most one {@code ::}, hex groups of 1–4, eight groups (or fewer with
 * {@code ::}), an optional dotted IPv4 tail. To keep Python slices ({@code a[1::2]}), C++ scopes and clock times out,
 * a compressed address needs a digit and either a group of three or more characters or to be {@code ::1}.
 */
final class IpAddressDetector implements PiiDetector {
    private static final Pattern V4 = Pattern.compile(
            "(?<![\\w.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?!\\w|\\.\\w)");
    private static final Pattern VERSION_WORD = Pattern.compile(
            "(?i)\\b(version|ver\\.?|release|build|firmware|chrome|firefox|windows|java|node|python)\\s*[:=]?\\s*$");
    private static final Pattern V6 = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\\w:])");

    @Override
    public PiiCategory category() {
        return PiiCategory.IP_ADDRESS;
    }

    @Override
    public List<PiiDetection> find(CharSequence text) {
        List<PiiDetection> found = new ArrayList<>();
        Matcher v4 = V4.matcher(text);
        while (v4.find()) {
            if (validOctets(v4) && !TextBoundaries.precededBy(text, v4.start(), 20, VERSION_WORD)) {
                found.add(new PiiDetection(v4.start(), v4.end(), PiiCategory.IP_ADDRESS));
            }
        }
        Matcher v6 = V6.matcher(text);
        while (v6.find()) {
            if (plausibleIpv6(v6.group())) {
                found.add(new PiiDetection(v6.start(), v6.end(), PiiCategory.IP_ADDRESS));
            }
        }
        return found;
    }

    private static boolean validOctets(Matcher m) {
        for (int g = 1; g <= 4; g++) {
            if (!validOctet(m.group(g))) {
                return false;
            }
        }
        return true;
    }

    static boolean validOctet(String octet) {
        return !(octet.length() > 1 && octet.charAt(0) == '0') && Integer.parseInt(octet) <= 255;
    }

    static boolean validIpv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || !validOctet(part)) {
                return false;
            }
        }
        return true;
    }

    static boolean plausibleIpv6(String candidate) {
        if (!validIpv6(candidate) || candidate.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        if (!candidate.contains("::") || candidate.equals("::1")) {
            return true;
        }
        for (String group : candidate.split("[:.]")) {
            if (group.length() >= 3) {
                return true;
            }
        }
        return false;
    }

    static boolean validIpv6(String address) {
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int groups = 0;
        String hexPart = address;
        int lastColon = address.lastIndexOf(':');
        if (address.indexOf('.') >= 0) {
            if (!validIpv4(address.substring(lastColon + 1))) {
                return false;
            }
            groups += 2;
            hexPart = address.substring(0, lastColon + 1);
            if (!hexPart.endsWith("::")) {
                hexPart = hexPart.substring(0, hexPart.length() - 1);
            }
        }
        String[] halves = doubleColon >= 0 ? hexPart.split("::", -1) : new String[] {hexPart};
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (group.isEmpty() || group.length() > 4) {
                    return false;
                }
                groups++;
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}
