package io.github.seastreamer.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonTests {

	@Test
	void whenObjectHasKeysOutOfOrderThenTheyComeOutSortedAndCompact() {
		assertThat(Json.reserialize("{ \"tick\": 0, \"relay\": true }")).isEqualTo("{\"relay\":true,\"tick\":0}");
	}

	@Test
	void whenObjectsAreNestedThenEveryLevelIsSorted() {
		assertThat(Json.reserialize(" { \"b\" : [ 1 , { \"z\": null, \"a\": false } ], \"a\": {} , \"c\": [] } \n"))
			.isEqualTo("{\"a\":{},\"b\":[1,{\"a\":false,\"z\":null}],\"c\":[]}");
	}

	@Test
	void whenAKeyIsRepeatedThenTheLastValueWins() {
		assertThat(Json.reserialize("{\"a\":1,\"a\":2}")).isEqualTo("{\"a\":2}");
	}

	@Test
	void whenKeysDifferInCaseThenTheyAreOrderedByCodeUnit() {
		assertThat(Json.reserialize("{\"b\":1,\"B\":2,\"a\":3}")).isEqualTo("{\"B\":2,\"a\":3,\"b\":1}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0|0", "123|123", "-5|-5", "18446744073709551615|18446744073709551615",
			"-9223372036854775808|-9223372036854775808", "18446744073709551616|1.8446744073709552e19",
			"-9223372036854775809|-9.223372036854776e18", "-0|-0.0", "1.0|1.0", "1.5E2|150.0", "1e3|1000.0", "0.1|0.1",
			"1e15|1000000000000000.0", "1e16|1e16", "1.5e16|1.5e16", "1e-5|0.00001", "1e-7|1e-7", "1.25e-7|1.25e-7",
			"123.456|123.456", "-0.0|-0.0", "5e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e308",
			"0.30000000000000004|0.30000000000000004", "2.5e-3|0.0025", "100.0|100.0" })
	void numbersArePrintedLikeSerdeJson(String input, String expected) {
		assertThat(Json.reserialize(input)).isEqualTo(expected);
	}

	@Test
	void whenStringsHoldEscapesThenOnlyTheNecessaryOnesAreWritten() {
		assertThat(Json.reserialize("\"a\\/b \\u00e9 \\ud83d\\ude00 \\u0001 \\\" \\\\ \\n\\t\\r\\b\\f\""))
			.isEqualTo("\"a/b \u00e9 \ud83d\ude00 \\u0001 \\\" \\\\ \\n\\t\\r\\b\\f\"");
	}

	@Test
	void whenTextIsNotAsciiThenItIsKeptVerbatim() {
		assertThat(Json.reserialize("[\"日本\", \"ü\"]")).isEqualTo("[\"日本\",\"ü\"]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "NaN", "Infinity", "01", "1.", ".5", "1e",
			"+1", "-", "tru", "nul", "\"abc", "\"\\x\"", "\"\\ud83d\"", "\"\\ude00\"", "\"a\u0001b\"", "1e400", "[1] x",
			"{\"a\" 1}", "{1:2}", "[\"a\" \"b\"]", "a plain, raw message", "{ \"payload\": \"anything\" } x" })
	void invalidJsonIsRejected(String input) {
		assertThat(Json.reserialize(input)).isNull();
	}

	@Test
	void nestingUpTo127LevelsIsAcceptedAndDeeperIsRejected() {
		assertThat(Json.reserialize("[".repeat(127) + "]".repeat(127))).isEqualTo("[".repeat(127) + "]".repeat(127));
		assertThat(Json.reserialize("[".repeat(128) + "]".repeat(128))).isNull();
		assertThat(Json.reserialize("{\"a\":".repeat(128) + "1" + "}".repeat(128))).isNull();
	}

	@Test
	void parseErrorsNameTheOffset() {
		assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("[1, x]")).withMessageContaining("offset 4");
	}

	@Test
	void scalarsAtTopLevelAreValid() {
		assertThat(Json.reserialize(" \"a string payload\" ")).isEqualTo("\"a string payload\"");
		assertThat(Json.reserialize("true")).isEqualTo("true");
		assertThat(Json.reserialize("null")).isEqualTo("null");
		assertThat(Json.reserialize("12345")).isEqualTo("12345");
	}

}
