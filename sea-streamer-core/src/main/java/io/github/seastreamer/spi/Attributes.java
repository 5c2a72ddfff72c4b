package io.github.seastreamer.spi;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The check every backend makes of the attributes given to
 * {@link io.github.seastreamer.Producer#sendTo(io.github.seastreamer.StreamKey, byte[], Map)}:
 * names non-empty, values non-null.
 * <p>
 * Stateless and thread-safe.
 */
public final class Attributes {

	private Attributes() {
	}

	/**
	 * The first problem with some attributes, for the producer to fail its receipt with.
	 * @param attributes the attributes (not null; may be empty)
	 * @return an error naming the offending attribute, or {@code null} if there is none
	 */
	public static @Nullable IllegalArgumentException problem(Map<String, String> attributes) {
		Objects.requireNonNull(attributes, "attributes");
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			String name = attribute.getKey();
			String value = attribute.getValue();
			if (name == null || name.isEmpty() || value == null) {
				return new IllegalArgumentException(
						"attribute names must be non-empty and values non-null, got " + name + "=" + value);
			}
		}
		return null;
	}

}
