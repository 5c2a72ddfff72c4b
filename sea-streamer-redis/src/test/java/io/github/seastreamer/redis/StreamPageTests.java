package io.github.seastreamer.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.seastreamer.BackendException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The XREAD reply decoder, fed the calls Lettuce's parser makes for RESP2 and RESP3
 * replies.
 */
class StreamPageTests {

	private static final byte[] FIELD = "msg".getBytes(StandardCharsets.UTF_8);

	@Test
	void resp2ReplyOfTwoStreamsGivesOneRunPerKeyWithSequencesAndPayloads() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(2);
		resp2Stream(output, "a",
				new String[][] { { "1678280595282-7", "msg", "one" }, { "1678280595283-0", "msg", "" } });
		resp2Stream(output, "b:1", new String[][] { { "5-65535", "msg", "three" } });
		StreamPage page = output.get();
		assertThat(page.size()).isEqualTo(3);
		assertThat(page.runs()).isEqualTo(2);
		assertThat(text(page.runKey(0))).isEqualTo("a");
		assertThat(page.runStart(0)).isZero();
		assertThat(page.runEnd(0)).isEqualTo(2);
		assertThat(text(page.runKey(1))).isEqualTo("b:1");
		assertThat(page.runStart(1)).isEqualTo(2);
		assertThat(page.runEnd(1)).isEqualTo(3);
		assertThat(page.sequence(0)).isEqualTo((1678280595282L << 16) | 7);
		assertThat(page.id(0)).isEqualTo("1678280595282-7");
		assertThat(page.id(1)).isEqualTo("1678280595283-0");
		assertThat(page.id(2)).isEqualTo("5-65535");
		assertThat(text(page.payload(0))).isEqualTo("one");
		assertThat(page.payload(1)).isEmpty();
		assertThat(text(page.payload(2))).isEqualTo("three");
	}

	@Test
	void resp3MapReplyIsReadLikeResp2() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multiMap(2);
		set(output, "a");
		entries(output, new String[][] { { "1-1", "msg", "x" } });
		set(output, "b");
		entries(output, new String[][] { { "2-0", "msg", "y" }, { "2-1", "msg", "z" } });
		StreamPage page = output.get();
		assertThat(page.runs()).isEqualTo(2);
		assertThat(page.size()).isEqualTo(3);
		assertThat(text(page.runKey(1))).isEqualTo("b");
		assertThat(page.id(2)).isEqualTo("2-1");
		assertThat(text(page.payload(2))).isEqualTo("z");
	}

	@Test
	void payloadIsTheMessageFieldWhateverTheOtherFieldsAround() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(1);
		resp2Stream(output, "a",
				new String[][] { { "1-0", "attr", "v", "msg", "payload", "msg2", "w" }, { "1-1", "other", "v" } });
		StreamPage page = output.get();
		assertThat(text(page.payload(0))).isEqualTo("payload");
		assertThat(page.hasOtherFields(0)).isFalse();
		assertThat(page.payload(1)).isNull();
		assertThat(page.hasOtherFields(1)).isTrue();
	}

	@Test
	void fieldsBesideTheMessageFieldAreTheMessageAttributesInOrder() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(1);
		resp2Stream(output, "a", new String[][] { { "1-0", "traceparent", "t-1", "msg", "payload", "n", "\u00e9" },
				{ "1-1", "msg", "plain" }, { "1-2", "other", "v" } });
		StreamPage page = output.get();
		assertThat(page.attributes(0)).containsExactly(Map.entry("traceparent", "t-1"), Map.entry("n", "\u00e9"));
		assertThat(page.attributes(1)).isEmpty();
		// an entry without the message field is not a message: it has no attributes
		assertThat(page.attributes(2)).isEmpty();
	}

	@Test
	void pendingEntryDeletedMeanwhileHasNoPayloadAndNoFields() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(1);
		output.multi(2);
		set(output, "a");
		output.multi(2);
		output.multi(2);
		set(output, "3-0");
		output.multi(-1);
		output.multi(2);
		set(output, "4-0");
		output.multi(2);
		set(output, "msg");
		set(output, "p");
		StreamPage page = output.get();
		assertThat(page.size()).isEqualTo(2);
		assertThat(page.payload(0)).isNull();
		assertThat(page.hasOtherFields(0)).isFalse();
		assertThat(text(page.payload(1))).isEqualTo("p");
	}

	@Test
	void nullReplyOfATimedOutBlockIsAnEmptyPage() {
		StreamPage.Output resp2 = new StreamPage.Output(FIELD);
		resp2.multi(-1);
		assertThat(resp2.get().size()).isZero();
		assertThat(resp2.get().runs()).isZero();
		StreamPage.Output resp3 = new StreamPage.Output(FIELD);
		resp3.set((ByteBuffer) null);
		assertThat(resp3.get().size()).isZero();
	}

	@Test
	void streamWithoutEntriesLeavesNoEmptyRun() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(2);
		resp2Stream(output, "a", new String[0][]);
		resp2Stream(output, "b", new String[][] { { "1-0", "msg", "x" } });
		StreamPage page = output.get();
		assertThat(page.runs()).isEqualTo(1);
		assertThat(text(page.runKey(0))).isEqualTo("b");
	}

	@Test
	void idOutOfRangeIsReportedWithItsTextWhenRead() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(1);
		resp2Stream(output, "a", new String[][] { { "1-65536", "msg", "x" }, { "x-1", "msg", "y" } });
		StreamPage page = output.get();
		assertThat(page.size()).isEqualTo(2);
		assertThat(page.id(0)).isEqualTo("1-65536");
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> page.sequence(0))
			.withMessageContaining("Sequence number out of range: 65536");
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> page.sequence(1))
			.withMessageContaining("Failed to parse message ID: x-1");
	}

	@Test
	void largestValidIdIsParsedWithoutFallback() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(1);
		resp2Stream(output, "a", new String[][] { { "281474976710655-65535", "msg", "x" } });
		StreamPage page = output.get();
		assertThat(page.sequence(0)).isEqualTo(-1L);
		assertThat(page.id(0)).isEqualTo("281474976710655-65535");
	}

	@Test
	void pageGrowsPastItsInitialCapacity() {
		StreamPage.Output output = new StreamPage.Output(FIELD);
		output.multi(1);
		String[][] entries = new String[100][];
		for (int i = 0; i < entries.length; i++) {
			entries[i] = new String[] { "7-" + i, "msg", "p" + i };
		}
		resp2Stream(output, "a", entries);
		StreamPage page = output.get();
		assertThat(page.size()).isEqualTo(100);
		assertThat(page.runEnd(0)).isEqualTo(100);
		assertThat(page.id(99)).isEqualTo("7-99");
		assertThat(text(page.payload(99))).isEqualTo("p99");
	}

	private static void resp2Stream(StreamPage.Output output, String key, String[][] entries) {
		output.multi(2);
		set(output, key);
		entries(output, entries);
	}

	/** Each entry: id, then field, value, ... */
	private static void entries(StreamPage.Output output, String[][] entries) {
		output.multi(entries.length);
		for (String[] entry : entries) {
			output.multi(2);
			set(output, entry[0]);
			output.multi(entry.length - 1);
			for (int i = 1; i < entry.length; i++) {
				set(output, entry[i]);
			}
		}
	}

	private static void set(StreamPage.Output output, String text) {
		output.set(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
