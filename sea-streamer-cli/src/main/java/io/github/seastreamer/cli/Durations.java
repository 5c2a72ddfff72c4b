package io.github.seastreamer.cli;

import java.time.Duration;

import io.github.seastreamer.ConfigurationException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The duration syntax of the SeaStreamer tools: a non-negative integer followed by
 * {@code ns}, {@code us}, {@code ms}, {@code s} or {@code m} (minutes), the suffixes
 * tried in that order.
 *
 * <p>
 * Stateless and thread-safe.
 */
final class Durations implements ITypeConverter<Duration> {

	private static final String[] SUFFIXES = { "ns", "us", "ms", "s", "m" };

	@Override
	public Duration convert(String value) {
		try {
			return parse(value);
		}
		catch (ConfigurationException ex) {
			throw new TypeConversionException(message(value));
		}
	}

	/**
	 * Parse a duration such as {@code 1s}, {@code 250ms} or {@code 0s}.
	 * @param text the text
	 * @return the duration
	 * @throws ConfigurationException {@code Failed to parse <text> as Duration} if the
	 * text is not of that form
	 */
	static Duration parse(String text) {
		for (String suffix : SUFFIXES) {
			if (text.endsWith(suffix)) {
				long amount = amount(text, text.substring(0, text.length() - suffix.length()));
				try {
					return switch (suffix) {
						case "ns" -> Duration.ofNanos(amount);
						case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
						case "ms" -> Duration.ofMillis(amount);
						case "s" -> Duration.ofSeconds(amount);
						default -> Duration.ofMinutes(amount);
					};
				}
				catch (ArithmeticException ex) {
					throw failed(text);
				}
			}
		}
		throw failed(text);
	}

	private static long amount(String text, String digits) {
		String unsigned = digits.startsWith("+") ? digits.substring(1) : digits;
		if (unsigned.isEmpty() || !unsigned.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw failed(text);
		}
		try {
			return Long.parseLong(unsigned);
		}
		catch (NumberFormatException ex) {
			throw failed(text);
		}
	}

	private static ConfigurationException failed(String text) {
		return new ConfigurationException(message(text));
	}

	private static String message(String text) {
		return "Failed to parse " + text + " as Duration (expected an integer followed by ns, us, ms, s or m, e.g. 1s)";
	}

}
