package io.github.seastreamer.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.file.format.Fixtures;
import io.github.seastreamer.file.format.MarkerDerivationTests;
import io.github.seastreamer.file.format.SsFormatException;
import io.github.seastreamer.file.format.SsHeader;
import io.github.seastreamer.file.format.SsWriter;
import io.github.seastreamer.file.format.StreamShard;
import io.github.seastreamer.file.tools.SsVerify;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileBackendTests {

	private static final StreamKey HELLO = StreamKey.of("hello");

	@TempDir
	Path dir;

	private final List<AutoCloseable> opened = new ArrayList<>();

	@AfterEach
	void close() {
		for (int i = this.opened.size() - 1; i >= 0; i--) {
			try {
				AutoCloseable c = this.opened.get(i);
				if (c instanceof Streamer s) {
					s.disconnect().get(10, TimeUnit.SECONDS);
				}
				else {
					c.close();
				}
			}
			catch (Exception ex) {
				// cleanup only
			}
		}
	}

	private Streamer connect(Path file, FileConnectOptions options) {
		Streamer streamer = SeaStreamer.connect("file://" + file, ConnectOptions.builder().with(options).build());
		this.opened.add(streamer);
		return streamer;
	}

	private Streamer connect(Path file) {
		return connect(file, FileConnectOptions.builder().beaconInterval(1024).build());
	}

	private Consumer consumer(Streamer streamer, ConsumerOptions options, StreamKey... keys) {
		Consumer consumer = streamer.createConsumer(List.of(keys), options);
		this.opened.add(consumer);
		return consumer;
	}

	private static ConsumerOptions earliest() {
		return ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build();
	}

	private static ConsumerOptions replay() {
		return ConsumerOptions.builder()
			.streamReset(StreamReset.EARLIEST)
			.with(FileConsumerOptions.builder().liveStreaming(false).build())
			.build();
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(10, TimeUnit.SECONDS);
	}

	private static SeaStreamerException failure(CompletableFuture<?> future) throws Exception {
		try {
			future.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			SeaStreamerException error = SeaStreamerException.find(ex);
			assertThat(error).as("cause of %s", ex).isNotNull();
			return error;
		}
		throw new AssertionError("expected a failure");
	}

	private static List<String> texts(Consumer consumer, int count) throws Exception {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			texts.add(await(consumer.next()).payloadAsString());
		}
		return texts;
	}

	private static List<Long> sequences(Consumer consumer, int count) throws Exception {
		List<Long> seqs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			seqs.add(await(consumer.next()).sequence());
		}
		return seqs;
	}

	private static List<Long> range(long from, long toInclusive) {
		List<Long> list = new ArrayList<>();
		for (long i = from; i <= toInclusive; i++) {
			list.add(i);
		}
		return list;
	}

	private Path copyFixture(String name) throws IOException {
		Path target = this.dir.resolve(Path.of(name).getFileName());
		Files.copy(Fixtures.dir().resolve(name), target);
		return target;
	}

	// ---- fixtures (consumer-level assertions of fixtures/README.md) ----

	@Test
	void sampleOneEventConsumerGetsTwentyTwoMessagesThenStreamEnded() throws Exception {
		Streamer streamer = connect(copyFixture("rust-written/sample-1.ss"));
		Consumer consumer = consumer(streamer, earliest(), StreamKey.of("event"));
		assertThat(sequences(consumer, 22)).isEqualTo(range(1, 22));
		assertThat(failure(consumer.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void consumerFixtureRewindsToSequencesByBeacons() throws Exception {
		Streamer streamer = connect(copyFixture("rust-written/consumer.ss"));
		Consumer consumer = consumer(streamer, earliest(), HELLO);
		assertThat(texts(consumer, 50)).first().isEqualTo("hello-0");
		await(consumer.rewind(SeqPos.at(21)));
		assertThat(texts(consumer, 3)).containsExactly("hello-21", "hello-22", "hello-23");
		await(consumer.rewind(SeqPos.at(86)));
		assertThat(texts(consumer, 1)).containsExactly("hello-86");
		await(consumer.rewind(SeqPos.BEGINNING));
		assertThat(texts(consumer, 1)).containsExactly("hello-0");
	}

	@Test
	void replayOfQuicksortEndsAtTheEndOfTheFileWithBinaryPayloadsIntact() throws Exception {
		Streamer streamer = connect(copyFixture("rust-written/quicksort.ss"));
		Consumer consumer = consumer(streamer, replay(), StreamKey.of("quicksort"));
		int binary = 0;
		for (int i = 1; i <= 42; i++) {
			Message message = await(consumer.next());
			assertThat(message.sequence()).isEqualTo(i);
			binary += message.isUtf8() ? 0 : 1;
		}
		assertThat(binary).isEqualTo(20);
		assertThat(failure(consumer.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void wildcardSubscriptionSeesEveryStreamButNotEndOfStream() throws Exception {
		Streamer streamer = connect(copyFixture("rust-written/sample-1.ss"));
		Consumer consumer = consumer(streamer, earliest(), StreamKey.of(StreamKey.SEA_STREAMER_WILDCARD));
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 27; i++) {
			keys.add(await(consumer.next()).streamKey().name());
		}
		assertThat(keys).containsOnly("file", "breakpoint", "event");
		assertThat(failure(consumer.next())).isInstanceOf(StreamEndedException.class);
	}

	// ---- §17 scenarios ----

	@Test
	void earliestAndLatestConsumersFollowTheFileUntilEndOfStream() throws Exception {
		Path file = this.dir.resolve("consumer.ss");
		Streamer streamer = connect(file, FileConnectOptions.builder().beaconInterval(1024).endWithEos(true).build());
		Producer producer = streamer.createProducer(HELLO);
		for (int i = 0; i < 50; i++) {
			producer.send("hello-" + i);
		}
		await(producer.flush());
		Consumer early = consumer(streamer, earliest(), HELLO);
		assertThat(texts(early, 50)).first().isEqualTo("hello-0");
		Consumer late = consumer(streamer, ConsumerOptions.defaults(), HELLO);
		await(late.rewind(SeqPos.END));
		for (int i = 50; i < 100; i++) {
			producer.send("hello-" + i);
		}
		await(producer.flush());
		assertThat(texts(early, 50)).first().isEqualTo("hello-50");
		assertThat(texts(late, 50)).last().isEqualTo("hello-99");
		await(streamer.disconnect());
		assertThat(failure(early.next())).isInstanceOf(StreamEndedException.class);
		assertThat(SsVerify.verify(file).endOfStream()).isTrue();
	}

	@Test
	void demuxDeliversEachConsumerItsOwnStream() throws Exception {
		Streamer streamer = connect(this.dir.resolve("demux.ss"));
		Consumer cat = consumer(streamer, earliest(), StreamKey.of("cat"));
		Consumer dog = consumer(streamer, earliest(), StreamKey.of("dog"));
		Producer producer = streamer.createGenericProducer(ProducerOptions.defaults());
		for (int i = 0; i < 100; i++) {
			producer.sendTo(StreamKey.of((i % 2 == 0) ? "cat" : "dog"), Integer.toString(i));
		}
		await(producer.flush());
		assertThat(texts(cat, 50)).allSatisfy((t) -> assertThat(Integer.parseInt(t) % 2).isZero());
		assertThat(texts(dog, 50)).allSatisfy((t) -> assertThat(Integer.parseInt(t) % 2).isOne());
	}

	@Test
	void loadBalancedGroupSplitsBySequenceModuloMembers() throws Exception {
		Streamer streamer = connect(this.dir.resolve("group.ss"));
		ConsumerOptions group = ConsumerOptions.builder()
			.mode(ConsumerMode.LOAD_BALANCED)
			.group("friends")
			.streamReset(StreamReset.EARLIEST)
			.build();
		Consumer chip = consumer(streamer, group, HELLO);
		Consumer dale = consumer(streamer, group, HELLO);
		Producer producer = streamer.createProducer(HELLO);
		for (int i = 1; i <= 100; i++) {
			producer.send(Integer.toString(i));
		}
		await(producer.flush());
		assertThat(sequences(chip, 50)).allSatisfy((s) -> assertThat(s % 2).isZero());
		assertThat(sequences(dale, 50)).allSatisfy((s) -> assertThat(s % 2).isOne());
		Consumer donald = consumer(streamer, group, HELLO);
		for (int i = 101; i <= 130; i++) {
			producer.send(Integer.toString(i));
		}
		await(producer.flush());
		assertThat(sequences(chip, 10)).allSatisfy((s) -> assertThat(s % 3).isZero());
		assertThat(sequences(dale, 10)).allSatisfy((s) -> assertThat(s % 3).isOne());
		assertThat(sequences(donald, 10)).allSatisfy((s) -> assertThat(s % 3).isEqualTo(2));
	}

	@Test
	void rewindToSequencesAndSeekToTimesUseTheBeacons() throws Exception {
		Streamer streamer = connect(this.dir.resolve("seek.ss"));
		Producer producer = streamer.createProducer(HELLO);
		List<MessageHeader> receipts = new ArrayList<>();
		for (int i = 1; i <= 300; i++) {
			receipts.add(await(producer.send("x".repeat(40) + i)));
		}
		Consumer consumer = consumer(streamer, earliest(), HELLO);
		assertThat(sequences(consumer, 300)).isEqualTo(range(1, 300));
		for (long at : new long[] { 1, 25, 50, 75, 150, 299, 300 }) {
			await(consumer.rewind(SeqPos.at(at)));
			assertThat(await(consumer.next()).sequence()).as("rewind to %d", at).isEqualTo(at);
		}
		Instant t = receipts.get(199).timestamp();
		await(consumer.seek(t));
		Message next = await(consumer.next());
		assertThat(next.timestamp()).isAfter(Instant.ofEpochMilli(t.toEpochMilli()));
		assertThat(next.sequence()).isGreaterThan(199);
	}

	@Test
	void seekFindsTheFirstMessageOfAStreamStartedAfterManyFramesOfOthersAndAReopen() throws Exception {
		Path file = this.dir.resolve("late.ss");
		Streamer streamer = connect(file);
		StreamKey early = StreamKey.of("early");
		StreamKey late = StreamKey.of("late");
		Producer first = streamer.createProducer(early);
		for (int i = 1; i <= 2000; i++) {
			first.send("e" + i);
		}
		await(first.end());
		Instant before = Instant.now().minusMillis(1);
		Producer second = streamer.createProducer(late);
		for (int i = 1; i <= 50; i++) {
			second.send("l" + i);
		}
		await(second.flush());
		Consumer consumer = consumer(streamer, earliest(), late);
		await(consumer.seek(before));
		Message message = await(consumer.next());
		assertThat(message.sequence()).isEqualTo(1);
		assertThat(message.payloadAsString()).isEqualTo("l1");
		Consumer both = consumer(streamer, earliest(), early, late);
		await(both.rewind(SeqPos.at(1)));
		assertThat(texts(both, 2)).containsExactly("e1", "e2");
		Consumer again = consumer(streamer, earliest(), early);
		await(again.seek(Instant.ofEpochMilli(0)));
		assertThat(texts(again, 1)).containsExactly("e1");
	}

	@Test
	void producerResumesSequencesAfterReconnectAndOverwritesTheEndOfStream() throws Exception {
		Path file = this.dir.resolve("producer.ss");
		FileConnectOptions options = FileConnectOptions.builder().beaconInterval(1024).endWithEos(true).build();
		Streamer first = connect(file, options);
		Producer producer = first.createProducer(HELLO);
		for (int i = 1; i <= 124; i++) {
			assertThat(await(producer.send(Integer.toString(i))).sequence()).isEqualTo(i);
		}
		await(first.disconnect());
		assertThat(failure(producer.send("late"))).isInstanceOf(io.github.seastreamer.ProducerEndedException.class);
		Streamer second = connect(file, options);
		Producer again = second.createProducer(HELLO);
		for (int i = 125; i <= 149; i++) {
			assertThat(await(again.send(Integer.toString(i))).sequence()).isEqualTo(i);
		}
		await(second.disconnect());
		Streamer third = connect(file, options);
		Consumer consumer = consumer(third, earliest(), HELLO);
		assertThat(sequences(consumer, 149)).isEqualTo(range(1, 149));
		assertThat(failure(consumer.next())).isInstanceOf(StreamEndedException.class);
		SsVerify.Report report = SsVerify.verify(file);
		assertThat(report.damages()).isEmpty();
		assertThat(report.intactMessages()).isEqualTo(150);
	}

	@Test
	void appendingToAShortFileWithEndOfStreamOverwritesIt() throws Exception {
		Path file = this.dir.resolve("short.ss");
		FileConnectOptions options = FileConnectOptions.builder().endWithEos(true).build();
		Streamer first = connect(file, options);
		await(first.createProducer(HELLO).send("one"));
		await(first.disconnect());
		Streamer second = connect(file, options);
		await(second.createProducer(HELLO).send("two"));
		await(second.disconnect());
		Consumer consumer = consumer(connect(file, options), replay(), HELLO);
		assertThat(texts(consumer, 2)).containsExactly("one", "two");
		assertThat(failure(consumer.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void disconnectWithoutAProducerSucceeds() throws Exception {
		Streamer streamer = connect(this.dir.resolve("idle.ss"));
		assertThat(streamer.disconnect()).succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void createFileModesBehaveAsDocumented() throws Exception {
		Path missing = this.dir.resolve("missing.ss");
		assertThatThrownBy(() -> connect(missing,
				FileConnectOptions.builder().createFile(FileConnectOptions.CreateFile.NEVER).build()))
			.isInstanceOf(ConnectionException.class)
			.hasMessageContaining("does not exist");
		connect(missing, FileConnectOptions.builder().createFile(FileConnectOptions.CreateFile.ALWAYS).build());
		assertThat(missing).exists();
		assertThatThrownBy(() -> connect(missing,
				FileConnectOptions.builder().createFile(FileConnectOptions.CreateFile.ALWAYS).build()))
			.isInstanceOf(ConnectionException.class)
			.hasMessageContaining("already exists");
		Streamer streamer = connect(missing, FileConnectOptions.defaults());
		Producer producer = streamer.createProducer(HELLO);
		for (int i = 1; i <= 9; i++) {
			assertThat(await(producer.send("m" + i)).sequence()).isEqualTo(i);
		}
	}

	@Test
	void aFileThatIsNotSsIsRefusedAtConnect() throws Exception {
		Path text = this.dir.resolve("notes.txt");
		Files.writeString(text, "these are not the bytes you are looking for, not a .ss file at all");
		assertThatThrownBy(() -> connect(text)).isInstanceOf(SeaStreamerException.class)
			.hasMessageContaining("not a .ss file");
	}

	@Test
	void anotherWriterHoldingTheLockIsRefused() throws Exception {
		Path file = this.dir.resolve("locked.ss");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			Streamer streamer = connect(file);
			SeaStreamerException error = failure(streamer.createProducer(HELLO).send("blocked"));
			assertThat(error.getMessage()).contains("lock");
			assertThat(lock.isValid()).isTrue();
		}
	}

	@Test
	void shardsAreWrittenAndAssignedPerConsumer() throws Exception {
		Path file = this.dir.resolve("shards.ss");
		Streamer streamer = connect(file);
		List<Producer> producers = new ArrayList<>();
		for (long shard = 0; shard < 3; shard++) {
			producers.add(streamer.createProducer(HELLO,
					ProducerOptions.builder().with(FileProducerOptions.shard(ShardId.of(shard))).build()));
		}
		for (int i = 0; i < 30; i++) {
			MessageHeader receipt = await(producers.get(i % 3).send("m" + i));
			assertThat(receipt.shardId()).isEqualTo(ShardId.of(i % 3));
			assertThat(receipt.sequence()).isEqualTo(i / 3 + 1);
		}
		Consumer all = consumer(streamer, earliest(), HELLO);
		assertThat(texts(all, 30)).hasSize(30);
		Consumer one = consumer(streamer, earliest(), HELLO);
		one.assign(HELLO, ShardId.of(2));
		await(one.rewind(SeqPos.BEGINNING));
		List<Message> twos = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			twos.add(await(one.next()));
		}
		assertThat(twos).allSatisfy((m) -> assertThat(m.shardId()).isEqualTo(ShardId.of(2)));
		one.unassign(HELLO, ShardId.of(2));
		one.assign(HELLO, ShardId.ZERO);
		await(one.rewind(SeqPos.BEGINNING));
		assertThat(await(one.next()).shardId()).isEqualTo(ShardId.ZERO);
		assertThatThrownBy(() -> one.assign(StreamKey.of("other"), ShardId.ZERO)).isInstanceOfSatisfying(
				SeaStreamerException.class, (e) -> assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
	}

	@Test
	void backendWrittenFilesCarryTheMarkersTheFramesImply() throws Exception {
		Path file = this.dir.resolve("derive.ss");
		Streamer streamer = connect(file);
		java.util.Random random = new java.util.Random(5);
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		for (long shard = 0; shard < 2; shard++) {
			Producer producer = streamer.createGenericProducer(
					ProducerOptions.builder().with(FileProducerOptions.shard(ShardId.of(shard))).build());
			for (int i = 0; i < 150; i++) {
				byte[] payload = new byte[(i % 20 == 3) ? 3000 : random.nextInt(200)];
				random.nextBytes(payload);
				receipts.add(producer.sendTo(StreamKey.of((i % 3 == 0) ? "a" : "b.c"), payload));
			}
		}
		for (CompletableFuture<MessageHeader> receipt : receipts) {
			await(receipt);
		}
		await(streamer.disconnect());
		assertThat(MarkerDerivationTests.derive(Files.readAllBytes(file))).isGreaterThan(20);
	}

	@Test
	void sendsRacingTheEndOfTheSharedWriterAllCompleteWithAReceiptOrAnError() throws Exception {
		for (int round = 0; round < 10; round++) {
			Path file = this.dir.resolve("race-" + round + ".ss");
			Streamer streamer = connect(file);
			Producer ender = streamer.createProducer(HELLO);
			Producer sender = streamer.createProducer(StreamKey.of("other"));
			await(sender.send("first"));
			List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 3000; i++) {
					receipts.add(sender.send("message-" + i));
				}
			});
			await(ender.end());
			await(sending);
			int written = 0;
			int failed = 0;
			for (CompletableFuture<MessageHeader> receipt : receipts) {
				try {
					assertThat(receipt.get(5, TimeUnit.SECONDS).streamKey().name()).isEqualTo("other");
					written++;
				}
				catch (ExecutionException ex) {
					assertThat(SeaStreamerException.find(ex)).isNotNull();
					failed++;
				}
			}
			assertThat(written + failed).isEqualTo(3000);
		}
	}

	@Test
	void damagedFileFailsWithTheOffsetOrSkipsToTheNextBeacon() throws Exception {
		Path file = this.dir.resolve("damaged.ss");
		Streamer streamer = connect(file);
		Producer producer = streamer.createProducer(HELLO);
		for (int i = 1; i <= 200; i++) {
			producer.send("payload-" + i + "-" + "z".repeat(30));
		}
		await(producer.flush());
		await(streamer.disconnect());
		byte[] bytes = Files.readAllBytes(file);
		int damageAt = indexOf(bytes, "payload-67-".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + 3;
		bytes[damageAt] ^= 0x21;
		Files.write(file, bytes);
		Streamer reader = connect(file);
		Consumer failing = consumer(reader, replay(), HELLO);
		SeaStreamerException error = null;
		int delivered = 0;
		for (int i = 0; i < 201 && error == null; i++) {
			try {
				Message m = await(failing.next());
				assertThat(m.payloadAsString()).isEqualTo("payload-" + m.sequence() + "-" + "z".repeat(30));
				delivered++;
			}
			catch (ExecutionException ex) {
				error = SeaStreamerException.find(ex);
			}
		}
		assertThat(error).isInstanceOf(SsFormatException.class);
		assertThat(error.getMessage()).contains("offset").contains("checksum");
		// every message before the damaged one, and none after it
		assertThat(delivered).isEqualTo(66);
		Consumer skipping = consumer(reader,
				ConsumerOptions.builder()
					.streamReset(StreamReset.EARLIEST)
					.with(FileConsumerOptions.builder()
						.liveStreaming(false)
						.onCorruption(FileConsumerOptions.OnCorruption.SKIP_TO_NEXT_BEACON)
						.build())
					.build(),
				HELLO);
		List<Long> seqs = new ArrayList<>();
		while (true) {
			try {
				Message m = await(skipping.next());
				assertThat(m.payloadAsString()).isEqualTo("payload-" + m.sequence() + "-" + "z".repeat(30));
				seqs.add(m.sequence());
			}
			catch (ExecutionException ex) {
				assertThat(SeaStreamerException.find(ex)).isInstanceOf(StreamEndedException.class);
				break;
			}
		}
		assertThat(seqs).contains(200L).hasSizeGreaterThan(delivered).isSorted();
	}

	@Test
	void loadBalancedGroupRestartsAfterItsCommits() throws Exception {
		Path file = this.dir.resolve("lb-resume.ss");
		ConsumerOptions group = ConsumerOptions.builder()
			.mode(ConsumerMode.LOAD_BALANCED)
			.group("workers")
			.streamReset(StreamReset.EARLIEST)
			.build();
		Streamer first = connect(file);
		Producer producer = first.createProducer(HELLO);
		for (int i = 1; i <= 10; i++) {
			producer.send("m" + i);
		}
		await(producer.flush());
		Consumer member = consumer(first, group, HELLO);
		List<Long> seqs = sequences(member, 4);
		assertThat(seqs).isEqualTo(range(1, 4));
		await(member.commit(await(member.next()).header()));
		member.close();
		await(first.disconnect());
		Consumer again = consumer(connect(file), group, HELLO);
		assertThat(await(again.next()).sequence()).isEqualTo(6);
	}

	@Test
	void liveConsumerEndsWhenTheFileIsDeleted() throws Exception {
		Path file = this.dir.resolve("removed.ss");
		Streamer streamer = connect(file);
		await(streamer.createProducer(HELLO).send("one"));
		Consumer consumer = consumer(streamer, earliest(), HELLO);
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("one");
		Files.delete(file);
		SeaStreamerException error = failure(consumer.next());
		assertThat(error.getMessage()).contains("File Removed");
	}

	@Test
	void longFileNamesAreCutToFitTheHeader() throws Exception {
		Path file = this.dir.resolve("n".repeat(150) + ".ss");
		Streamer streamer = connect(file);
		await(streamer.createProducer(HELLO).send("named"));
		await(streamer.disconnect());
		SsVerify.Report report = SsVerify.verify(file);
		assertThat(report.header().fileName()).hasSize(SsHeader.MAX_FILE_NAME_BYTES).startsWith("nnnn");
		assertThat(report.intactMessages()).isEqualTo(1);
	}

	@Test
	void aTornHeaderIsRewrittenByTheFirstProducer() throws Exception {
		Path file = this.dir.resolve("torn.ss");
		Files.write(file, java.util.Arrays.copyOf(new SsHeader("torn.ss", 1, 1024).encode(), 50));
		Streamer streamer = connect(file);
		assertThat(await(streamer.createProducer(HELLO).send("first")).sequence()).isEqualTo(1);
		await(streamer.disconnect());
		SsVerify.Report report = SsVerify.verify(file);
		assertThat(report.isClean()).isTrue();
		assertThat(report.intactMessages()).isEqualTo(1);
	}

	private static int indexOf(byte[] data, byte[] what) {
		outer: for (int i = 0; i + what.length <= data.length; i++) {
			for (int j = 0; j < what.length; j++) {
				if (data[i + j] != what[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new AssertionError("not found");
	}

	@Test
	void tailingConsumerSeesMessagesOfAnotherWriterPromptly() throws Exception {
		Path file = this.dir.resolve("tail.ss");
		Streamer streamer = connect(file);
		Consumer tail = consumer(streamer, earliest(), HELLO);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			SsWriter writer = SsWriter.create(channel, new SsHeader("tail.ss", System.currentTimeMillis(), 1024), 4096);
			writer.flush();
			CompletableFuture<Message> next = tail.next();
			byte[] payload = "external".getBytes(java.nio.charset.StandardCharsets.UTF_8);
			writer.write(new StreamShard(HELLO, 0), 1, System.currentTimeMillis(), payload, 0, payload.length);
			writer.flush();
			assertThat(next.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("external");
		}
	}

}
