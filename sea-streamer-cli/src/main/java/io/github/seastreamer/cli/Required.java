package io.github.seastreamer.cli;

import org.jspecify.annotations.Nullable;

/**
 * Unwraps options that picocli guarantees to be set ({@code required = true}).
 */
final class Required {

	private Required() {
	}

	/**
	 * The value of a required option.
	 * @param <T> the type
	 * @param value the value picocli set
	 * @return the value
	 * @throws IllegalStateException if picocli did not set it
	 */
	static <T> T of(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("required option not set");
		}
		return value;
	}

}
