package io.turnpike.proxy.guardrails;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The checksum and validity rules under the detectors; the corpus covers the detectors end to end. */
class PiiValidationTest {
    @Test
    void luhn() {
        assertThat(CreditCardDetector.luhnValid("4111111111111111")).isTrue();
        assertThat(CreditCardDetector.luhnValid("4111111111111112")).isFalse();
        assertThat(CreditCardDetector.luhnValid("378282246310005")).isTrue();
    }

    @Test
    void issuerPrefixesAndLengths() {
        assertThat(CreditCardDetector.knownIssuer("4111111111111")).isTrue();
        assertThat(CreditCardDetector.knownIssuer("411111111111111")).isFalse();
        assertThat(CreditCardDetector.knownIssuer("2720990000000000")).isTrue();
        assertThat(CreditCardDetector.knownIssuer("2721000000000000")).isFalse();
        assertThat(CreditCardDetector.knownIssuer("371449635398431")).isTrue();
        assertThat(CreditCardDetector.knownIssuer("6221260000000000")).isTrue();
        assertThat(CreditCardDetector.knownIssuer("3530111333300000")).isFalse();
    }

    @Test
    void ibanMod97() {
        assertThat(IbanDetector.mod97("GB82WEST12345698765432")).isEqualTo(1);
        assertThat(IbanDetector.mod97("GB83WEST12345698765432")).isNotEqualTo(1);
        assertThat(PiiDetectors.scan("IBAN DE89 3704 0044 0532 0130 00 EUR", EnumSet.of(PiiCategory.IBAN)))
                .containsExactly(new PiiDetection(5, 32, PiiCategory.IBAN));
    }

    @Test
    void ssnRules() {
        assertThat(UsSsnDetector.valid("123", "45", "6789")).isTrue();
        assertThat(UsSsnDetector.valid("000", "45", "6789")).isFalse();
        assertThat(UsSsnDetector.valid("666", "45", "6789")).isFalse();
        assertThat(UsSsnDetector.valid("912", "45", "6789")).isFalse();
        assertThat(UsSsnDetector.valid("123", "00", "6789")).isFalse();
        assertThat(UsSsnDetector.valid("123", "45", "0000")).isFalse();
    }

    @Test
    void ipv6Parsing() {
        assertThat(IpAddressDetector.validIpv6("2001:db8::1")).isTrue();
        assertThat(IpAddressDetector.validIpv6("1:2:3:4:5:6:7:8")).isTrue();
        assertThat(IpAddressDetector.validIpv6("1:2:3:4:5:6:7")).isFalse();
        assertThat(IpAddressDetector.validIpv6("1::2::3")).isFalse();
        assertThat(IpAddressDetector.validIpv6("::ffff:192.0.2.128")).isTrue();
        assertThat(IpAddressDetector.validIpv6("::ffff:192.0.2.256")).isFalse();
        assertThat(IpAddressDetector.validIpv6("12345::1")).isFalse();
        assertThat(IpAddressDetector.plausibleIpv6("1::2")).isFalse();
        assertThat(IpAddressDetector.plausibleIpv6("::1")).isTrue();
    }

    @Test
    void overlapsGoToTheHigherPriorityCategory() {
        // An Amex number is 15 digits, inside the phone detector's bounds: the card wins.
        assertThat(PiiDetectors.scanAll("call 3782 822463 10005")).extracting(PiiDetection::category)
                .containsExactly(PiiCategory.CREDIT_CARD);
    }
}
