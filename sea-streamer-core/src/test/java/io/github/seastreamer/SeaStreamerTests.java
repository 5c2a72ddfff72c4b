package io.github.seastreamer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Finding a backend by the scheme of a URI.
 */
class SeaStreamerTests {

	@Test
	void availableSchemesIncludeTheInMemoryBackend() {
		assertThat(SeaStreamer.availableSchemes()).contains("mem");
	}

	@Test
	void whenUriHasUnknownSchemeThenErrorListsBackends() {
		assertThatExceptionOfType(ConnectionException.class).isThrownBy(() -> SeaStreamer.connect("bogus://x"))
			.withMessageContaining("unknown protocol `bogus`")
			.withMessageContaining("available schemes")
			.withMessageContaining("mem")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONNECT))
			.satisfies((ex) -> assertThat(ex.isRetryable()).as("a retry cannot find a missing backend").isFalse());
	}

	@Test
	void whenUriHasNoSchemeThenErrorSaysSoAndListsBackends() {
		assertThatExceptionOfType(ConnectionException.class).isThrownBy(() -> SeaStreamer.connect("localhost:6379"))
			.withMessageContaining("protocol not set")
			.withMessageContaining("available schemes")
			.withMessageContaining("mem")
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
	}

	@Test
	void malformedUriFailsWithStreamUrlError() {
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> SeaStreamer.connect(""))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.PROTOCOL_REQUIRED));
	}

	@Test
	void streamerOfAStreamUrlConnects() {
		StreamUrl url = StreamUrl.parse("mem://sea-streamer-tests/a,b");
		try (Streamer streamer = SeaStreamer.connect(url.streamer(), ConnectOptions.defaults())) {
			assertThat(streamer.uri().protocol()).contains("mem");
			assertThat(streamer.capabilities()).contains(Capability.PERSISTENT);
		}
	}

	@Test
	void providerOfAKnownSchemeServesIt() {
		assertThat(SeaStreamer.provider("mem").schemes()).contains("mem");
	}

}
