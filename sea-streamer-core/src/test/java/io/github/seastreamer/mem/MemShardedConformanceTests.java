package io.github.seastreamer.mem;

import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.conformance.StreamerConformanceTests;

/**
 * The backend conformance suite on {@code mem://} with producers that spread messages
 * over three shards, so the suite's per-shard assertions (ordering, commits, rewinds) are
 * exercised as on a Kafka topic with several partitions.
 */
class MemShardedConformanceTests extends StreamerConformanceTests {

	private final String broker = "sharded-conformance-" + randomAlphanumerics(10);

	@Override
	protected Streamer connect() {
		return SeaStreamer.connect("mem://" + this.broker);
	}

	@Override
	protected ProducerOptions producerOptions() {
		return ProducerOptions.builder().with(new MemProducerOptions(3)).build();
	}

}
