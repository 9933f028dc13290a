package io.turnpike.query.http;

import io.turnpike.query.logs.SqlLiterals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlAndTimeInputTest {

    @Test
    void escapesControlCharactersAndQuotes() {
        assertThat(SqlLiterals.string("a'b\\c\nd\te\0")).isEqualTo("'a\\'b\\\\c\\nd\\te\\0'");
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatThrownBy(() -> SqlLiterals.unsigned(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
