package io.github.seastreamer;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stream URL grammar of spec README §3: every StreamUrl row of §3.2 and every error
 * of §3.1.
 */
class StreamUrlTests {

	private static List<String> nodes(StreamUrl url) {
		return url.streamer().nodes().stream().map(StreamerNode::text).toList();
	}

	private static List<String> keys(StreamUrl url) {
		return url.streamKeys().stream().map(StreamKey::name).toList();
	}

	@Test
	void urlWithoutEndingSlashFailsWithNoEndingSlash() {
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> StreamUrl.parse("proto://sea-ql.org:1234"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.NO_ENDING_SLASH))
			.withMessageContaining("URL must have an ending slash, even when streams is empty");
	}

	@Test
	void endingSlashWithoutKeysGivesNoKeys() {
		StreamUrl url = StreamUrl.parse("proto://sea-ql.org:1234/");
		assertThat(nodes(url)).containsExactly("proto://sea-ql.org:1234");
		assertThat(url.streamKeys()).isEmpty();
		assertThat(url.streamer().protocol()).contains("proto");
	}

	@Test
	void keysFollowTheLastSlash() {
		StreamUrl url = StreamUrl.parse("proto://sea-ql.org:1234/a,b");
		assertThat(nodes(url)).containsExactly("proto://sea-ql.org:1234");
		assertThat(keys(url)).containsExactly("a", "b");
	}

	@Test
	void severalNodesAndSeveralKeys() {
		StreamUrl url = StreamUrl.parse("kafka://node-a:1234,node-b:1234/a,b");
		assertThat(nodes(url)).containsExactly("kafka://node-a:1234", "kafka://node-b:1234");
		assertThat(keys(url)).containsExactly("a", "b");
	}

	@Test
	void stdioWithoutKeysHasTheDotNode() {
		StreamUrl url = StreamUrl.parse("stdio:///");
		assertThat(nodes(url)).containsExactly("stdio://.");
		assertThat(url.streamKeys()).isEmpty();
	}

	@Test
	void stdioWithKeysHasTheDotNode() {
		StreamUrl url = StreamUrl.parse("stdio:///a,b");
		assertThat(nodes(url)).containsExactly("stdio://.");
		assertThat(keys(url)).containsExactly("a", "b");
	}

	@Test
	void redisLocalhostWithoutKeys() {
		StreamUrl url = StreamUrl.parse("redis://localhost/");
		assertThat(nodes(url)).containsExactly("redis://localhost");
		assertThat(url.streamKeys()).isEmpty();
	}

	@Test
	void relativeFilePathWithKeys() {
		StreamUrl url = StreamUrl.parse("file://./path/to/hi/a,b");
		assertThat(nodes(url)).containsExactly("file://./path/to/hi");
		assertThat(keys(url)).containsExactly("a", "b");
	}

	@Test
	void relativeFilePathWithoutKeys() {
		StreamUrl url = StreamUrl.parse("file://./path/to/hi/");
		assertThat(nodes(url)).containsExactly("file://./path/to/hi");
		assertThat(url.streamKeys()).isEmpty();
	}

	@Test
	void emptyKeyItemsAreDropped() {
		assertThat(keys(StreamUrl.parse("redis://localhost/a,,b,"))).containsExactly("a", "b");
	}

	@Test
	void queryCharactersInTheKeyListFailWithStreamKeyError() {
		for (String text : List.of("proto://sea-ql.org:1234/stream?", "proto://h/a&b", "proto://h/a=b")) {
			assertThatExceptionOfType(StreamUrlException.class).as(text)
				.isThrownBy(() -> StreamUrl.parse(text))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.STREAM_KEY))
				.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(StreamKeyException.class))
				.withMessageContaining("[a-zA-Z0-9._-]");
		}
	}

	@Test
	void noSchemeAndNoNodeFailsWithProtocolRequired() {
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> StreamUrl.parse("/a"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.PROTOCOL_REQUIRED));
	}

	@Test
	void noSchemeWithNodeIsAccepted() {
		StreamUrl url = StreamUrl.parse("localhost:9092/a");
		assertThat(nodes(url)).containsExactly("localhost:9092");
		assertThat(url.streamer().protocol()).isEmpty();
		assertThat(url.streamKey()).isEqualTo(StreamKey.of("a"));
	}

	@Test
	void malformedNodeFailsWithUrlParseError() {
		assertThatExceptionOfType(StreamUrlException.class).isThrownBy(() -> StreamUrl.parse("kafka://[::1/a"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.URL_PARSE));
	}

	@Test
	void streamKeyRequiresExactlyOneKey() {
		assertThat(StreamUrl.parse("stdio:///clock").streamKey()).isEqualTo(StreamKey.of("clock"));
		for (String text : List.of("stdio:///", "stdio:///a,b")) {
			assertThatExceptionOfType(StreamUrlException.class).as(text)
				.isThrownBy(() -> StreamUrl.parse(text).streamKey())
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(StreamUrlException.Reason.NOT_ONE_STREAM_KEY))
				.withMessageContaining("Expected one stream key, found zero or more than one");
		}
	}

	@Test
	void textFormParsesBackToTheSameUrl() {
		for (String text : List.of("stdio:///a,b", "redis://localhost:6379/a", "kafka://a:1,b:2/x,y",
				"file:///tmp/x.ss/k", "proto://h/")) {
			StreamUrl url = StreamUrl.parse(text);
			assertThat(url).as(text).hasToString(text);
			assertThat(StreamUrl.parse(url.toString())).isEqualTo(url);
		}
	}

	@Test
	void passwordIsMaskedInToStringAndErrors() {
		StreamUrl url = StreamUrl.parse("redis://user:s3cret@localhost:6379/a");
		assertThat(url.toString()).isEqualTo("redis://user:****@localhost:6379/a");
		assertThatExceptionOfType(StreamUrlException.class)
			.isThrownBy(() -> StreamUrl.parse("redis://user:s3cret@localhost:6379/bad key"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret").contains("****"));
		assertThatExceptionOfType(StreamUrlException.class)
			.isThrownBy(() -> StreamUrl.parse("redis://user:s3cret@localhost:6379"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret"));
		assertThatExceptionOfType(StreamUrlException.class)
			.isThrownBy(() -> StreamUrl.parse("redis://user:s3cret@localhost:6379/a,b").streamKey())
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret"));
	}

}
