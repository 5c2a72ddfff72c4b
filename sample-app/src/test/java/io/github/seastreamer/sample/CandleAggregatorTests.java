package io.github.seastreamer.sample;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Units of the candle aggregation and of the sample's value types.
 */
class CandleAggregatorTests {

	private final CandleAggregator aggregator = new CandleAggregator();

	@Test
	void tradesOfOneSecondFoldIntoOneCandleThatClosesWithTheNextSecond() {
		assertThat(this.aggregator.onTrade(new Trade("SEA", 10.0, 5, 7_000))).isNull();
		assertThat(this.aggregator.onTrade(new Trade("SEA", 12.5, 1, 7_400))).isNull();
		assertThat(this.aggregator.onTrade(new Trade("SEA", 9.0, 2, 7_999))).isNull();
		assertThat(this.aggregator.onTrade(new Trade("SEA", 11.0, 3, 8_000)))
			.isEqualTo(new Candle("SEA", 7_000, 10.0, 12.5, 9.0, 9.0, 8, 3));
	}

	@Test
	void symbolsHaveTheirOwnCandles() {
		this.aggregator.onTrade(new Trade("SEA", 10.0, 1, 1_000));
		this.aggregator.onTrade(new Trade("ORM", 50.0, 2, 1_500));
		assertThat(this.aggregator.onTrade(new Trade("ORM", 51.0, 1, 2_100)))
			.isEqualTo(new Candle("ORM", 1_000, 50.0, 50.0, 50.0, 50.0, 2, 1));
		assertThat(this.aggregator.onTrade(new Trade("SEA", 10.5, 1, 2_200)))
			.isEqualTo(new Candle("SEA", 1_000, 10.0, 10.0, 10.0, 10.0, 1, 1));
	}

	@Test
	void lateTradeIsFoldedIntoTheOpenCandleRatherThanDropped() {
		this.aggregator.onTrade(new Trade("SEA", 10.0, 1, 1_000));
		this.aggregator.onTrade(new Trade("SEA", 11.0, 1, 2_000));
		assertThat(this.aggregator.onTrade(new Trade("SEA", 8.0, 4, 1_900))).isNull();
		assertThat(this.aggregator.onTrade(new Trade("SEA", 12.0, 1, 3_000)))
			.isEqualTo(new Candle("SEA", 2_000, 11.0, 11.0, 8.0, 8.0, 5, 2));
	}

	@Test
	void secondsBeforeTheEpochRoundDown() {
		assertThat(Candle.secondOf(-1)).isEqualTo(-1000);
		assertThat(Candle.secondOf(1999)).isEqualTo(1000);
	}

	@Test
	void tradeWithoutSymbolOrWithNonPositivePriceOrSizeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Trade(" ", 1.0, 1, 0))
			.withMessageContaining("symbol");
		assertThatIllegalArgumentException().isThrownBy(() -> new Trade("SEA", 0.0, 1, 0))
			.withMessageContaining("price");
		assertThatIllegalArgumentException().isThrownBy(() -> new Trade("SEA", Double.NaN, 1, 0))
			.withMessageContaining("price");
		assertThatIllegalArgumentException().isThrownBy(() -> new Trade("SEA", 1.0, 0, 0))
			.withMessageContaining("size");
	}

	@Test
	void generatorSettingsOutOfRangeAreRefusedWithThePropertyName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SampleProperties(0, List.of("SEA")))
			.withMessageContaining("sample.trades-per-second");
		assertThatIllegalArgumentException().isThrownBy(() -> new SampleProperties(10, List.of()))
			.withMessageContaining("sample.symbols");
	}

}
