package io.github.seastreamer.stdio;

import org.junit.jupiter.api.AfterEach;

import io.github.seastreamer.Streamer;
import io.github.seastreamer.conformance.StreamerConformanceTests;

/**
 * The backend conformance suite on stdio with loopback, over a world of its own per test
 * (disconnect is process-wide, so tests must not share one).
 */
class StdioConformanceTests extends StreamerConformanceTests {

	private final StdioWorldFixture fixture = new StdioWorldFixture();

	@Override
	protected Streamer connect() {
		return this.fixture.connect(true);
	}

	@AfterEach
	void endInput() {
		this.fixture.in.end();
	}

}
