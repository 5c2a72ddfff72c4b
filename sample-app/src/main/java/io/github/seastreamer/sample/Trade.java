package io.github.seastreamer.sample;

/**
 * One synthetic market trade, sent as JSON to stream {@code trades}.
 *
 * @param symbol the instrument, for example {@code "SEA"}
 * @param price the price per unit, positive
 * @param size the number of units traded, positive
 * @param time when the trade happened, in milliseconds since the epoch
 */
public record Trade(String symbol, double price, long size, long time) {

	/**
	 * Create a trade, validating its fields.
	 * @throws IllegalArgumentException if the symbol is blank, or the price or size is
	 * not positive
	 */
	public Trade {
		if (symbol == null || symbol.isBlank()) {
			throw new IllegalArgumentException("Trade symbol must not be blank");
		}
		if (!(price > 0) || Double.isInfinite(price)) {
			throw new IllegalArgumentException("Trade price must be positive, was " + price);
		}
		if (size <= 0) {
			throw new IllegalArgumentException("Trade size must be positive, was " + size);
		}
	}

}
