package io.github.seastreamer.sample;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sample's trade generator ({@code sample.*}).
 *
 * @param tradesPerSecond how many synthetic trades are sent per second, in total
 * @param symbols the instruments traded
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("200") int tradesPerSecond, @DefaultValue( {
		"SEA", "ORM", "RUST", "JAVA" }) List<String> symbols){

	/**
	 * Bind the settings, validating them.
	 * @throws IllegalArgumentException if the rate is not between 1 and 100 000 or no
	 * symbol is given
	 */
	public SampleProperties {
		if (tradesPerSecond < 1 || tradesPerSecond > 100_000) {
			throw new IllegalArgumentException(
					"sample.trades-per-second must be between 1 and 100000, was " + tradesPerSecond);
		}
		if (symbols.isEmpty() || symbols.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("sample.symbols must list at least one non-blank symbol");
		}
		symbols = List.copyOf(symbols);
	}

}
