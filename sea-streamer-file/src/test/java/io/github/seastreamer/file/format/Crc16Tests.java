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
	void sixteenBytesAtATimeGiveTheBitwiseCrcForEveryLengthAndOffset() {
		byte[] data = new byte[120];
		new java.util.Random(7).nextBytes(data);
		for (int offset = 0; offset < 17; offset++) {
			for (int length = 0; offset + length <= data.length; length++) {
				assertThat(Crc16.of(data, offset, length)).as("offset %d, length %d", offset, length)
					.isEqualTo(bitwise(data, offset, length));
			}
		}
	}

	@Test
	void crcContinuesAcrossSplitInput() {
		byte[] data = new byte[100];
		new java.util.Random(11).nextBytes(data);
		int whole = Crc16.of(data);
		for (int split = 0; split <= data.length; split++) {
			int first = Crc16.update(Crc16.INIT, data, 0, split);
			assertThat(Crc16.update(first, data, split, data.length - split)).as("split at %d", split).isEqualTo(whole);
		}
	}

	/** CRC-16/CDMA2000 one bit at a time, straight from its parameters. */
	private static int bitwise(byte[] data, int offset, int length) {
		int crc = 0xFFFF;
		for (int i = offset; i < offset + length; i++) {
			crc ^= (data[i] & 0xFF) << 8;
			for (int bit = 0; bit < 8; bit++) {
				crc = ((crc & 0x8000) != 0) ? ((crc << 1) ^ 0xC867) : (crc << 1);
				crc &= 0xFFFF;
			}
		}
		return crc;
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
