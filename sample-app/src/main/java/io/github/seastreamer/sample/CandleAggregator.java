package io.github.seastreamer.sample;

import java.util.HashMap;
import java.util.Map;

import io.github.seastreamer.spring.annotation.SendTo;
import io.github.seastreamer.spring.annotation.StreamListener;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The processor: folds trades into per-symbol one-second candles and sends each candle to
 * stream {@code candles} once the first trade of a later second arrives for its symbol.
 * <p>
 * The listener has the default concurrency of 1, so {@link #onTrade} is never called
 * concurrently; the container may call it from different threads one after the other,
 * hence the synchronized state. A late trade (from a second already closed) is folded
 * into the open candle rather than dropped.
 */
@Component
class CandleAggregator {

	static final String LISTENER_ID = "candle-aggregator";

	static final String STREAM = "candles";

	private final Map<String, Candle> open = new HashMap<>();

	@StreamListener(id = LISTENER_ID, streams = TradeGenerator.STREAM)
	@SendTo(STREAM)
	synchronized @Nullable Candle onTrade(Trade trade) {
		Candle current = this.open.get(trade.symbol());
		if (current == null) {
			this.open.put(trade.symbol(), Candle.of(trade));
			return null;
		}
		if (Candle.secondOf(trade.time()) > current.start()) {
			this.open.put(trade.symbol(), Candle.of(trade));
			return current;
		}
		this.open.put(trade.symbol(), current.with(trade));
		return null;
	}

}
