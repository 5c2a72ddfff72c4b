package io.github.seastreamer.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTests {

	@Test
	void linesAreSplitAtLineFeedAndOneCarriageReturnIsRemoved() throws IOException {
		assertThat(read("a\nb\r\nc\r\r\n\nlast")).containsExactly("a", "b", "c\r", "", "last");
	}

	@Test
	void aFinalLineBreakDoesNotMakeAnExtraLine() throws IOException {
		assertThat(read("a\nb\n")).containsExactly("a", "b");
		assertThat(read("")).isEmpty();
		assertThat(read("\n")).containsExactly("");
	}

	@Test
	void linesLongerThanTheBufferAreKeptWhole() throws IOException {
		String longLine = "x".repeat(200_000);
		assertThat(read("a\n" + longLine + "\r\nb")).containsExactly("a", longLine, "b");
	}

	@Test
	void bytesThatAreNotUtf8ArePassedThrough() throws IOException {
		ProduceCommand.LineReader reader = new ProduceCommand.LineReader(
				new ByteArrayInputStream(new byte[] { (byte) 0xff, 0, '\n', 1 }));
		assertThat(reader.next()).containsExactly(0xff, 0);
		assertThat(reader.next()).containsExactly(1);
		assertThat(reader.next()).isNull();
	}

	@Test
	void inputArrivingOneByteAtATimeGivesTheSameLines() throws IOException {
		byte[] bytes = "one\r\ntwo\nthree".getBytes(StandardCharsets.UTF_8);
		ProduceCommand.LineReader reader = new ProduceCommand.LineReader(new ByteArrayInputStream(bytes) {
			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(len, 1));
			}
		});
		List<String> lines = new ArrayList<>();
		byte[] line;
		while ((line = reader.next()) != null) {
			lines.add(new String(line, StandardCharsets.UTF_8));
		}
		assertThat(lines).containsExactly("one", "two", "three");
	}

	private static List<String> read(String text) throws IOException {
		ProduceCommand.LineReader reader = new ProduceCommand.LineReader(
				new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
		List<String> lines = new ArrayList<>();
		byte[] line;
		while ((line = reader.next()) != null) {
			lines.add(new String(line, StandardCharsets.UTF_8));
		}
		return lines;
	}

}
