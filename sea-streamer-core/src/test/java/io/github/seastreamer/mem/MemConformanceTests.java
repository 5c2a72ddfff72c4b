package io.github.seastreamer.mem;

import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.conformance.StreamerConformanceTests;

/**
 * The backend conformance suite on {@code mem://}; each test has a broker of its own.
 */
class MemConformanceTests extends StreamerConformanceTests {

	private final String broker = "conformance-" + randomAlphanumerics(10);

	@Override
	protected Streamer connect() {
		return SeaStreamer.connect("mem://" + this.broker);
	}

}
