package io.github.seastreamer.cli;

import java.time.Duration;

import io.github.seastreamer.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DurationsTests {

	@ParameterizedTest
	@CsvSource({ "0s,0", "1s,1000000000", "5ns,5", "7us,7000", "250ms,250000000", "2m,120000000000", "+3s,3000000000",
			"10ms,10000000" })
	void durationsWithEverySuffixAreRead(String text, long nanos) {
		assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "s", "1", "1h", "1 s", "-1s", "1.5s", "1sec", "ms", "1S", "99999999999999999999s",
			"9223372036854775807m" })
	void anythingElseFailsNamingTheText(String text) {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Durations.parse(text))
			.withMessageContaining("Failed to parse " + text + " as Duration");
	}

}
