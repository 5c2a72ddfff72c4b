package io.github.seastreamer.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.seastreamer.spring.annotation.StreamListener;

import org.springframework.stereotype.Component;

/**
 * The sink: keeps the latest candle of each symbol in memory, read from stream
 * {@code candles}.
 * <p>
 * Thread-safe: the listener writes, the web layer reads snapshots at any time.
 */
@Component
class CandleBoard {

	static final String LISTENER_ID = "candle-board";

	private final Map<String, Candle> latest = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	@StreamListener(id = LISTENER_ID, streams = CandleAggregator.STREAM)
	void onCandle(Candle candle) {
		this.latest.merge(candle.symbol(), candle, (old, now) -> (now.start() >= old.start()) ? now : old);
		this.received.incrementAndGet();
	}

	/**
	 * The latest candle of each symbol, by symbol.
	 * @return a snapshot
	 */
	List<Candle> latest() {
		List<Candle> candles = new ArrayList<>(this.latest.values());
		candles.sort(Comparator.comparing(Candle::symbol));
		return candles;
	}

	/**
	 * Candles received since start.
	 * @return the count
	 */
	long received() {
		return this.received.get();
	}

}
