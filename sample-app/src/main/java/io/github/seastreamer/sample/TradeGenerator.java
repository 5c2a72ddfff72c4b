package io.github.seastreamer.sample;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.github.seastreamer.spring.core.StreamTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends synthetic trades to stream {@code trades}: each symbol's price follows a random
 * walk, and {@code sample.trades-per-second} trades are spread over ticks of 50 ms.
 * <p>
 * Runs on Spring's scheduler thread; sending never blocks (the receipts are futures), and
 * a failed send is counted and logged once per tick, never retried.
 */
@Component
class TradeGenerator {

	static final String STREAM = "trades";

	private static final Logger logger = LoggerFactory.getLogger(TradeGenerator.class);

	private static final long TICK_MILLIS = 50;

	private final StreamTemplate template;

	private final List<String> symbols;

	private final double[] prices;

	private final int tradesPerSecond;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private long ticks;

	TradeGenerator(StreamTemplate template, SampleProperties properties) {
		this.template = template;
		this.symbols = properties.symbols();
		this.tradesPerSecond = properties.tradesPerSecond();
		this.prices = new double[this.symbols.size()];
		for (int i = 0; i < this.prices.length; i++) {
			this.prices[i] = 100.0 + 10.0 * i;
		}
	}

	@Scheduled(fixedRate = TICK_MILLIS)
	void tick() {
		int count = tradesThisTick();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < count; i++) {
			int index = random.nextInt(this.symbols.size());
			// multiplicative steps keep the price positive however long the walk
			this.prices[index] = Math.round(this.prices[index] * (1.0 + random.nextGaussian() * 0.001) * 100.0) / 100.0;
			Trade trade = new Trade(this.symbols.get(index), Math.max(this.prices[index], 0.01),
					1 + random.nextInt(100), System.currentTimeMillis());
			this.template.send(STREAM, trade).whenComplete((receipt, error) -> {
				if (error != null) {
					if (this.failed.getAndIncrement() % 1000 == 0) {
						logger.warn("Sending a trade failed ({} failures so far): {}", this.failed.get(),
								error.toString());
					}
				}
				else {
					this.sent.incrementAndGet();
				}
			});
		}
	}

	private int tradesThisTick() {
		// spread the per-second rate evenly, so that 30 trades/s are 1 or 2 per tick
		long ticksPerSecond = 1000 / TICK_MILLIS;
		long tick = this.ticks++;
		long before = tick * this.tradesPerSecond / ticksPerSecond;
		long after = (tick + 1) * this.tradesPerSecond / ticksPerSecond;
		return (int) (after - before);
	}

	/**
	 * Trades the backend has accepted.
	 * @return the count
	 */
	long sent() {
		return this.sent.get();
	}

	/**
	 * Trades the backend has refused.
	 * @return the count
	 */
	long failed() {
		return this.failed.get();
	}

}
