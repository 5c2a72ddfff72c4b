package io.github.seastreamer.sample;

/**
 * The trades of one symbol during one second, sent as JSON to stream {@code candles}.
 *
 * @param symbol the instrument
 * @param start the start of the second, in milliseconds since the epoch
 * @param open the price of the first trade
 * @param high the highest price
 * @param low the lowest price
 * @param close the price of the last trade
 * @param volume the units traded
 * @param trades the number of trades
 */
public record Candle(String symbol, long start, double open, double high, double low, double close, long volume,
		long trades) {

	/**
	 * A candle holding one trade.
	 * @param trade the first trade of the second
	 * @return the candle
	 */
	static Candle of(Trade trade) {
		return new Candle(trade.symbol(), secondOf(trade.time()), trade.price(), trade.price(), trade.price(),
				trade.price(), trade.size(), 1);
	}

	/**
	 * This candle with one more trade of the same symbol.
	 * @param trade the trade
	 * @return the new candle
	 */
	Candle with(Trade trade) {
		return new Candle(this.symbol, this.start, this.open, Math.max(this.high, trade.price()),
				Math.min(this.low, trade.price()), trade.price(), this.volume + trade.size(), this.trades + 1);
	}

	/**
	 * The start of the second holding a time.
	 * @param epochMillis the time in milliseconds since the epoch
	 * @return the start of its second
	 */
	static long secondOf(long epochMillis) {
		return Math.floorDiv(epochMillis, 1000L) * 1000L;
	}

}
