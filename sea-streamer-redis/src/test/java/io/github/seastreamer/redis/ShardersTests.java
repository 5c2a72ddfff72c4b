package io.github.seastreamer.redis;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.StreamKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ShardersTests {

	private static final StreamKey KEY = StreamKey.of("s");

	@Test
	void roundRobinCyclesThroughEveryShardFromZero() {
		Sharder sharder = Sharder.roundRobin(3);
		List<Long> shards = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			shards.add(sharder.shard(KEY, new byte[0]));
		}
		assertThat(shards).containsExactly(0L, 1L, 2L, 0L, 1L, 2L, 0L);
	}

	@Test
	void pseudoRandomIsTheMillisecondOfSecondModuloShards() {
		Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00.857Z"), ZoneOffset.UTC);
		assertThat(new PseudoRandomSharder(10, clock).shard(KEY, new byte[0])).isEqualTo(7);
		assertThat(new PseudoRandomSharder(4, clock).shard(KEY, new byte[0])).isEqualTo(1);
	}

	@Test
	void shardersNeedAtLeastOneShard() {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Sharder.roundRobin(0))
			.withMessageContaining("at least 1 shard");
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Sharder.pseudoRandom(-1))
			.withMessageContaining("at least 1 shard");
	}

}
