package io.github.seastreamer;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The streamer URI grammar of spec README §3: every StreamerUri row of §3.2 and the
 * errors of §3.1.
 */
class StreamerUriTests {

	private static List<String> nodes(StreamerUri uri) {
		return uri.nodes().stream().map(StreamerNode::text).toList();
	}

	@Test
	void hostAndPortWithoutSchemeIsOneNodeWithoutProtocol() {
		StreamerUri uri = StreamerUri.parse("sea-ql.org:1234");
		assertThat(nodes(uri)).containsExactly("sea-ql.org:1234");
		assertThat(uri.protocol()).isEmpty();
		assertThat(uri.firstNode().host()).contains("sea-ql.org");
		assertThat(uri.firstNode().port()).contains(1234);
	}

	@Test
	void redisLocalhostIsOneNodeWithProtocolRedis() {
		StreamerUri uri = StreamerUri.parse("redis://localhost");
		assertThat(nodes(uri)).containsExactly("redis://localhost");
		assertThat(uri.protocol()).contains("redis");
		assertThat(uri.firstNode().host()).contains("localhost");
		assertThat(uri.firstNode().port()).isEmpty();
	}

	@Test
	void schemeAloneIsTheDotNode() {
		StreamerUri uri = StreamerUri.parse("stdio://");
		assertThat(nodes(uri)).containsExactly("stdio://.");
		assertThat(uri.protocol()).contains("stdio");
	}

	@Test
	void fileUriKeepsItsAbsolutePath() {
		StreamerUri uri = StreamerUri.parse("file:///path/to/hi");
		assertThat(nodes(uri)).containsExactly("file:///path/to/hi");
		assertThat(uri.protocol()).contains("file");
		assertThat(uri.firstNode().uri().getPath()).isEqualTo("/path/to/hi");
	}

	@Test
	void kafkaUriIsOneNodeWithPort() {
		StreamerUri uri = StreamerUri.parse("kafka://localhost:9092");
		assertThat(nodes(uri)).containsExactly("kafka://localhost:9092");
		assertThat(uri.firstNode().port()).contains(9092);
	}

	@Test
	void commasSeparateNodesThatShareTheSchemeAndEmptyItemsAreDropped() {
		StreamerUri uri = StreamerUri.parse("kafka://node-a:1234,,node-b:1234,");
		assertThat(nodes(uri)).containsExactly("kafka://node-a:1234", "kafka://node-b:1234");
		assertThat(uri.protocol()).contains("kafka");
	}

	@Test
	void displayFormListsNodesInParentheses() {
		assertThat(StreamerUri.parse("kafka://a:1,b:2")).hasToString("(kafka://a:1,kafka://b:2)");
		assertThat(StreamerUri.parse("kafka://a:1,b:2").toMaskedUriString()).isEqualTo("kafka://a:1,b:2");
	}

	@Test
	void emptyTextWithoutSchemeFailsWithProtocolRequired() {
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> StreamerUri.parse(""))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.PROTOCOL_REQUIRED))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_URL))
			.withMessageContaining("Protocol is required");
	}

	@Test
	void onlyCommasGiveZeroNodes() {
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> StreamerUri.parse(",,"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.ZERO_NODE))
			.withMessageContaining("No node has been specified");
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> new StreamerUri(List.of()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.ZERO_NODE));
	}

	@Test
	void malformedNodeFailsWithUrlParseErrorNamingTheNode() {
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> StreamerUri.parse("kafka://[::1"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.URL_PARSE))
			.withMessageContaining("UrlParseError")
			.withMessageContaining("[::1");
	}

	@Test
	void passwordIsMaskedInEveryTextForm() {
		StreamerUri uri = StreamerUri.parse("redis://user:s3cret@localhost:6379,other:6380");
		assertThat(uri.toString()).doesNotContain("s3cret").contains("user:****@localhost:6379");
		assertThat(uri.toMaskedUriString()).doesNotContain("s3cret");
		assertThat(uri.firstNode().toString()).doesNotContain("s3cret");
		assertThat(uri.firstNode().userInfo()).contains("user:s3cret");
	}

	@Test
	void passwordIsMaskedInParseErrors() {
		assertThatExceptionOfType(StreamUrlException.class)
			.isThrownBy(() -> StreamerUri.parse("redis://user:s3cret@[bad,other"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret"));
	}

}
