package io.github.seastreamer.cli.bench;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchPayloadsTests {

	@Test
	void payloadOf256BytesIsTheBenchmarkText() {
		assertThat(new String(BenchPayloads.payload(42, 256), StandardCharsets.US_ASCII)).isEqualTo(
				"The this the message payload 00042: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod"
						+ " tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation"
						+ " ullamco laboris nisi ut aliquip ex ea commodo");
	}

	@Test
	void payloadsAreCutOrPaddedToTheSizeWithoutTrailingSpaceOrLineBreak() {
		for (int size = 1; size < 700; size++) {
			byte[] payload = BenchPayloads.payload(7, size);
			assertThat(payload).hasSize(size);
			assertThat(payload[size - 1]).isNotEqualTo((byte) ' ');
			assertThat(payload).doesNotContain((byte) '\n', (byte) '\r');
		}
		assertThat(new String(BenchPayloads.payload(7, 3), StandardCharsets.US_ASCII)).isEqualTo("The");
		assertThat(new String(BenchPayloads.payload(7, 300), StandardCharsets.US_ASCII))
			.startsWith("The this the message payload 00007")
			.contains("commodo The this");
	}

	@Test
	void indexesBeyondFiveDigitsKeepEveryDigit() {
		assertThat(new String(BenchPayloads.payload(123456, 64), StandardCharsets.US_ASCII))
			.startsWith("The this the message payload 123456:");
		assertThat(BenchPayloads.payloads(3, 40)).hasSize(3);
	}

	@Test
	void resultLineHasEveryFieldInOrder() {
		assertThat(BenchCommand.resultLine("stdio", 20000, 256, 90000.4, 120000.6, 100000, 100000)).isEqualTo(
				"RESULT backend=stdio messages=20000 size=256 produce_msg_s=90000 consume_msg_s=120001 raw_produce_msg_s=100000"
						+ " raw_consume_msg_s=100000 produce_ratio=0.900 consume_ratio=1.200");
	}

	@Test
	void runIdsAreFresh() {
		assertThat(BenchCommand.runId()).matches("[0-9a-f]{12}").isNotEqualTo(BenchCommand.runId());
	}

}
