package io.github.seastreamer.file.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.seastreamer.file.format.Fixtures;
import io.github.seastreamer.spi.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class SsDecodeTests {

	static List<Path> fixtures() {
		return Fixtures.all();
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void logOutputEqualsTheExpectedLogExactly(Path ss) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsDecode.decode(ss, out, SsDecode.Format.LOG, false);
		assertThat(out.toByteArray()).asString(StandardCharsets.UTF_8)
			.isEqualTo(Files.readString(Fixtures.companion(ss, ".expected-ss-decode.log")));
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void ndjsonOutputEqualsTheExpectedObjectByObject(Path ss) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsDecode.decode(ss, out, SsDecode.Format.NDJSON, false);
		List<String> actual = out.toString(StandardCharsets.UTF_8).lines().toList();
		List<String> expected = Files.readAllLines(Fixtures.companion(ss, ".expected-ss-decode.ndjson"));
		assertThat(actual).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			assertThat(normalize(actual.get(i))).as("line %d", i + 1).isEqualTo(normalize(expected.get(i)));
		}
	}

	@Test
	void headerOnlyLeavesPayloadsOut() throws IOException {
		Path ss = Fixtures.dir().resolve("spec-examples/example-2-message-and-eos.ss");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SsDecode.Result result = SsDecode.decode(ss, out, SsDecode.Format.LOG, true);
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
				"# {\"file_name\":\"a.ss\",\"created_at\":\"2023-06-05T13:55:53.001\",\"beacon_interval\":1048576}\n"
						+ "[2023-06-05T13:55:53.001 | hello | 1 | 0]\n"
						+ "[2023-06-05T13:55:54.0 | SEA_STREAMER_INTERNAL | 0 | 0]\n");
		assertThat(result.endOfStream()).isTrue();
		ByteArrayOutputStream json = new ByteArrayOutputStream();
		SsDecode.decode(ss, json, SsDecode.Format.NDJSON, true);
		assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"payload\":null");
	}

	@Test
	void quicksortEndsWithoutEndOfStreamAndNoTrailingBytes() throws IOException {
		SsDecode.Result result = SsDecode.decode(Fixtures.dir().resolve("rust-written/quicksort.ss"),
				new ByteArrayOutputStream(), SsDecode.Format.LOG, false);
		assertThat(result.messages()).isEqualTo(42);
		assertThat(result.endOfStream()).isFalse();
		assertThat(result.trailingBytes()).isZero();
	}

	@Test
	void payloadsArePrintedAsReserializedJsonAsStringsOrAsBytes() {
		byte[] json = " {\"b\": [1, 2.5, true, null], \"a\": {\"z\":\"x\\n\", \"y\": -0}} "
			.getBytes(StandardCharsets.UTF_8);
		// -0 is a float for serde_json, as for the Rust ss-decode
		assertThat(SsDecode.payloadJson(json, 0, json.length))
			.isEqualTo("{\"a\":{\"y\":-0.0,\"z\":\"x\\n\"},\"b\":[1,2.5,true,null]}");
		byte[] text = "{\"a\":1,}".getBytes(StandardCharsets.UTF_8);
		assertThat(SsDecode.payloadJson(text, 0, text.length)).isEqualTo("\"{\\\"a\\\":1,}\"");
		byte[] binary = { 1, (byte) 0xff, 0 };
		assertThat(SsDecode.payloadJson(binary, 0, binary.length)).isEqualTo("[1,255,0]");
	}

	private static Object normalize(String line) {
		if (line.startsWith("/* ") && line.endsWith(" */")) {
			return "comment:" + render(line.substring(3, line.length() - 3));
		}
		return render(line);
	}

	private static String render(String json) {
		String compact = Json.reserialize(json);
		assertThat(compact).as("valid JSON: %s", json).isNotNull();
		return compact;
	}

}
