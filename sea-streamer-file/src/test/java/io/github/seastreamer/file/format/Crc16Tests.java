package io.github.seastreamer.file.format;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Crc16Tests {

	private static int crc(String text) {
		return Crc16.of(text.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void checkValuesMatchCdma2000() {
		assertThat(crc("123456789")).isEqualTo(0x4C06);
		assertThat(crc("hello, world")).isEqualTo(0x8028);
		assertThat(crc("123456789abcd")).isEqualTo(0xA106);
		assertThat(crc("EOS")).isEqualTo(0xED7C);
		assertThat(crc("message-1")).isEqualTo(0xF79E);
		assertThat(crc("")).isEqualTo(0xFFFF);
	}

	@Test
	void tableStartsAsSpecified() {
		assertThat(Crc16.tableEntry(0)).isZero();
		assertThat(Crc16.tableEntry(1)).isEqualTo(0xC867);
		assertThat(Crc16.tableEntry(2)).isEqualTo(0x58A9);
		assertThat(Crc16.tableEntry(3)).isEqualTo(0x90CE);
	}

	@Test
	void runningChecksumFeedsFrameChecksumHighByteFirst() {
		assertThat(Crc16.running(Crc16.INIT, 0x9ECC)).isEqualTo(0x3D39);
		assertThat(Crc16.running(Crc16.INIT, 0x9ECC)).isEqualTo(Crc16.of(new byte[] { (byte) 0x9E, (byte) 0xCC }));
	}

}
