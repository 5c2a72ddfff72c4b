package io.github.seastreamer.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.Capability;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.PayloadEncodingException;
import io.github.seastreamer.Producer;
import io.github.seastreamer.ProducerEndedException;
import io.github.seastreamer.ProducerOptions;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.SeqPos;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamEndedException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.UnsupportedFeatureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The stdio backend over an in-memory standard input and output: the scenarios of the
 * spec (stdio.md §6), dispatch, numbering, the output format, errors and end of input.
 */
class StdioStreamerTests {

	private static final Pattern OUTPUT_LINE = Pattern
		.compile("\\[(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}) \\| ([A-Za-z0-9._-]+) \\| (\\d+)\\] (.*)");

	private static final StreamKey HELLO = StreamKey.of("hello");

	private final StdioWorldFixture fixture = new StdioWorldFixture();

	@AfterEach
	void closeWorld() throws Exception {
		this.fixture.close();
	}

	private static <T> T get(CompletableFuture<T> future) throws Exception {
		return future.get(5, TimeUnit.SECONDS);
	}

	private static SeaStreamerException failureOf(CompletableFuture<?> future) {
		try {
			future.get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			SeaStreamerException error = SeaStreamerException.find(ex);
			assertThat(error).as("cause of %s", ex).isNotNull();
			return error;
		}
		catch (Exception ex) {
			throw new AssertionError("expected a failed future, got " + ex, ex);
		}
		throw new AssertionError("expected a failed future, but it succeeded");
	}

	private static List<String> payloads(Consumer consumer, int count) throws Exception {
		List<String> payloads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			payloads.add(get(consumer.next()).payloadAsString());
		}
		return payloads;
	}

	private static ConsumerOptions group(ConsumerMode mode, String group) {
		return ConsumerOptions.builder().mode(mode).group(group).build();
	}

	@Test
	void pollTakesLinesAlreadyReadInOrderAndReturnsNullWithoutWaitingWhenNoneIsBuffered() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer consumer = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		assertThat(consumer.poll()).as("nothing read yet").isNull();
		this.fixture.in.feed("[hello] p0\n[hello] p1\n[hello] p2\n");
		List<String> polled = new ArrayList<>();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			Message message;
			while ((message = consumer.poll()) != null) {
				polled.add(message.payloadAsString());
			}
			return polled.size() == 3;
		});
		assertThat(polled).containsExactly("p0", "p1", "p2");
		assertThat(consumer.poll()).isNull();
		CompletableFuture<Message> waiting = consumer.next();
		this.fixture.in.feed("[hello] p3\n");
		assertThat(get(waiting).payloadAsString()).as("a waiting next() gets what comes after the polled lines")
			.isEqualTo("p3");
		consumer.close();
		assertThat(consumer.poll()).isNull();
		assertThat(failureOf(consumer.next())).isInstanceOf(StreamEndedException.class);
	}

	// ---- spec §6 scenarios ----

	@Test
	void withoutLoopbackSendsArePrintedButNotDeliveredAndDisconnectEndsBoth() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer consumer = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		Producer producer = streamer.createProducer(HELLO);
		CompletableFuture<Message> pending = consumer.next();
		for (int i = 0; i < 5; i++) {
			producer.send("-1");
		}
		get(producer.flush());
		assertThat(this.fixture.outputLines()).hasSize(5).allMatch((line) -> line.endsWith("] -1"));
		assertThat(pending).isNotDone();
		get(streamer.disconnect());
		assertThat(failureOf(pending)).isInstanceOf(StreamEndedException.class);
		assertThat(failureOf(consumer.next())).isInstanceOf(StreamEndedException.class);
		assertThat(failureOf(producer.send(""))).isInstanceOf(ProducerEndedException.class);
	}

	@Test
	void withLoopbackSendsAreDeliveredInOrder() throws Exception {
		StdioStreamer streamer = this.fixture.connect(true);
		Consumer consumer = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		Producer producer = streamer.createProducer(HELLO);
		for (int i = 0; i < 5; i++) {
			producer.send(Integer.toString(i));
		}
		assertThat(payloads(consumer, 5)).containsExactly("0", "1", "2", "3", "4");
	}

	@Test
	void groupMembersTakeTurnsBySequenceInCreationOrder() throws Exception {
		StdioStreamer streamer = this.fixture.connect(true);
		Consumer first = streamer.createConsumer(HELLO, group(ConsumerMode.LOAD_BALANCED, "abc"));
		Producer producer = streamer.createProducer(HELLO);
		for (int i = 0; i < 4; i++) {
			producer.send(Integer.toString(i));
		}
		assertThat(payloads(first, 4)).containsExactly("0", "1", "2", "3");
		Consumer second = streamer.createConsumer(HELLO, group(ConsumerMode.LOAD_BALANCED, "abc"));
		List<MessageHeader> receipts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			receipts.add(get(producer.send(Integer.toString(i))));
		}
		assertThat(receipts).extracting(MessageHeader::sequence)
			.containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
		assertThat(payloads(first, 5)).containsExactly("0", "2", "4", "6", "8");
		assertThat(payloads(second, 5)).containsExactly("1", "3", "5", "7", "9");
	}

	// ---- producer output ----

	@Test
	void printedLineHasWholeSecondUtcTimestampKeySequenceAndPayload() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		MessageHeader receipt = get(streamer.createProducer(HELLO).send("{\"relay\":1,\"tick\":0}"));
		Instant after = Instant.now();
		get(streamer.createProducer(HELLO).flush());
		assertThat(this.fixture.outputLines()).hasSize(1);
		Matcher line = OUTPUT_LINE.matcher(this.fixture.outputLines().get(0));
		assertThat(line.matches()).as("line %s", this.fixture.outputLines().get(0)).isTrue();
		Instant printed = Instant.parse(line.group(1) + "Z");
		assertThat(printed).isBetween(before, after);
		assertThat(line.group(2)).isEqualTo("hello");
		assertThat(line.group(3)).isEqualTo("0");
		assertThat(line.group(4)).isEqualTo("{\"relay\":1,\"tick\":0}");
		assertThat(receipt.streamKey()).isEqualTo(HELLO);
		assertThat(receipt.shardId()).isEqualTo(ShardId.ZERO);
		assertThat(receipt.sequence()).isZero();
		assertThat(receipt.timestamp().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(printed);
	}

	@Test
	void receiptsCarryThePrintedSequenceCountedPerKeyAcrossTheProcess() throws Exception {
		Producer one = this.fixture.connect(false).createGenericProducer(ProducerOptions.defaults());
		Producer two = this.fixture.connect(false).createGenericProducer(ProducerOptions.defaults());
		StreamKey other = StreamKey.of("other");
		List<Long> helloSequences = new ArrayList<>();
		helloSequences.add(get(one.sendTo(HELLO, "a")).sequence());
		helloSequences.add(get(two.sendTo(HELLO, "b")).sequence());
		assertThat(get(two.sendTo(other, "c")).sequence()).isZero();
		helloSequences.add(get(one.sendTo(HELLO, "d")).sequence());
		assertThat(helloSequences).containsExactly(0L, 1L, 2L);
		get(one.flush());
		assertThat(this.fixture.outputLines()).extracting((line) -> line.substring(line.indexOf(" | ") + 3))
			.containsExactly("hello | 0] a", "hello | 1] b", "other | 0] c", "hello | 2] d");
	}

	@Test
	void emptyPayloadIsPrintedAndReadBackAsAnEmptyMessage() throws Exception {
		StdioStreamer streamer = this.fixture.connect(true);
		Consumer consumer = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		Producer producer = streamer.createProducer(HELLO);
		MessageHeader empty = get(producer.send(""));
		MessageHeader next = get(producer.send("after"));
		assertThat(next.sequence()).isEqualTo(empty.sequence() + 1);
		Message message = get(consumer.next());
		assertThat(message.payloadSize()).isZero();
		assertThat(message.sequence()).isEqualTo(empty.sequence());
		assertThat(get(consumer.next()).payloadAsString()).isEqualTo("after");
		get(producer.flush());
		String printed = this.fixture.outputLines().get(0);
		assertThat(printed).endsWith("| hello | 0] ");
		assertThat(StdioLineParser.parse(printed).payload()).isEmpty();
	}

	@Test
	void payloadThatIsNotUtf8FailsWithAnEncodingErrorAndPrintsNothing() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Producer producer = streamer.createProducer(HELLO);
		SeaStreamerException error = failureOf(producer.send(new byte[] { 'a', (byte) 0xC3, (byte) 0x28 }));
		assertThat(error).isInstanceOf(PayloadEncodingException.class).hasMessageContaining("hello");
		assertThat(error.kind()).isEqualTo(ErrorKind.UTF8);
		get(producer.flush());
		assertThat(this.fixture.output()).isEmpty();
	}

	@Test
	void flushCompletesOnceEveryEarlierSendIsPrinted() throws Exception {
		Producer producer = this.fixture.connect(false).createProducer(HELLO);
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			receipts.add(producer.send("message number " + i));
		}
		get(producer.flush());
		assertThat(receipts).allMatch(CompletableFuture::isDone);
		List<String> lines = this.fixture.outputLines();
		assertThat(lines).hasSize(5000);
		for (int i = 0; i < 5000; i++) {
			assertThat(lines.get(i)).endsWith("| hello | " + i + "] message number " + i);
		}
	}

	@Test
	void payloadLargerThanTheWriteBufferIsPrintedWhole() throws Exception {
		Producer producer = this.fixture.connect(false).createProducer(HELLO);
		String big = "x".repeat(200_000);
		producer.send("small");
		producer.send(big);
		producer.send("small again");
		get(producer.flush());
		List<String> lines = this.fixture.outputLines();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).endsWith("| hello | 1] " + big);
		assertThat(lines.get(2)).endsWith("| hello | 2] small again");
	}

	@Test
	void endedProducerRefusesSendsWhileOthersKeepPrinting() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Producer ended = streamer.createProducer(HELLO);
		Producer other = streamer.createProducer(HELLO);
		get(ended.send("one"));
		get(ended.end());
		assertThat(failureOf(ended.send("two"))).isInstanceOf(ProducerEndedException.class);
		assertThat(get(other.send("three")).sequence()).isEqualTo(1);
	}

	@Test
	void sendsFailWithABackendErrorWhenStandardOutputCannotBeWritten() throws Exception {
		OutputStream broken = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				throw new IOException("Broken pipe");
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				throw new IOException("Broken pipe");
			}
		};
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		StdioWorld world = StdioWorld.over(new ScriptedInput(), broken,
				new PrintStream(err, true, StandardCharsets.UTF_8));
		StdioStreamer streamer = new StdioStreamer(StreamerUri.parse("stdio://"), StdioConnectOptions.DEFAULTS, world);
		Producer producer = streamer.createProducer(HELLO);
		SeaStreamerException error = failureOf(producer.send("lost"));
		assertThat(error).isInstanceOf(BackendException.class).hasMessageContaining("Broken pipe");
		assertThat(failureOf(producer.send("later"))).isInstanceOf(BackendException.class);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write standard output");
		get(streamer.disconnect());
	}

	// ---- input dispatch ----

	@Test
	void lineWithoutKeyReachesEveryConsumerWhateverItSubscribed() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer a = streamer.createConsumer(StreamKey.of("a"), ConsumerOptions.defaults());
		Consumer b = streamer.createConsumer(StreamKey.of("b"), ConsumerOptions.defaults());
		this.fixture.in.feed("hello everyone\n");
		for (Consumer consumer : List.of(a, b)) {
			Message message = get(consumer.next());
			assertThat(message.payloadAsString()).isEqualTo("hello everyone");
			assertThat(message.streamKey().name()).isEqualTo("broadcast");
			assertThat(message.shardId()).isEqualTo(ShardId.ZERO);
		}
	}

	@Test
	void lineTaggedBroadcastOnlyReachesSubscribersOfBroadcast() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer a = streamer.createConsumer(StreamKey.of("a"), ConsumerOptions.defaults());
		Consumer all = streamer.createConsumer(List.of(StreamKey.of("a"), StreamKey.of("broadcast")),
				ConsumerOptions.defaults());
		this.fixture.in.feed("[broadcast] tagged\n[a] for a\n");
		assertThat(payloads(all, 2)).containsExactly("tagged", "for a");
		assertThat(payloads(a, 1)).containsExactly("for a");
	}

	@Test
	void keyedLinesReachOnlyTheirSubscribersNumberedPerKeyAndShard() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer a = streamer.createConsumer(StreamKey.of("a"), ConsumerOptions.defaults());
		Consumer b = streamer.createConsumer(StreamKey.of("b"), ConsumerOptions.defaults());
		this.fixture.in.feed("[a] a0\n[b] b0\n[a] a1\n[a | 5 | 2] shard two\n[a] a2\n[b] b1\n");
		List<Message> ofA = List.of(get(a.next()), get(a.next()), get(a.next()), get(a.next()));
		assertThat(ofA).extracting(Message::payloadAsString).containsExactly("a0", "a1", "shard two", "a2");
		assertThat(ofA).extracting(Message::sequence).containsExactly(0L, 1L, 5L, 2L);
		assertThat(ofA).extracting((m) -> m.shardId().id()).containsExactly(0L, 0L, 2L, 0L);
		List<Message> ofB = List.of(get(b.next()), get(b.next()));
		assertThat(ofB).extracting(Message::payloadAsString).containsExactly("b0", "b1");
		assertThat(ofB).extracting(Message::sequence).containsExactly(0L, 1L);
	}

	@Test
	void explicitSequenceMovesTheCounterPastIt() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.feed("[hello] x\n[hello | 10] y\n[hello] z\n[2022-01-01T00:00:00 | hello | 3] w\n[hello] v\n");
		List<Message> messages = List.of(get(consumer.next()), get(consumer.next()), get(consumer.next()),
				get(consumer.next()), get(consumer.next()));
		assertThat(messages).extracting(Message::sequence).containsExactly(0L, 10L, 11L, 3L, 4L);
		assertThat(messages.get(3).timestamp()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
	}

	@Test
	void lineWithoutTimestampIsStampedWhenRead() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		Instant before = Instant.now();
		this.fixture.in.feed("[hello] now\n");
		Message message = get(consumer.next());
		assertThat(message.timestamp()).isBetween(before, Instant.now());
	}

	@Test
	void malformedLineIsReportedWithItsNumberAndLaterLinesAreDelivered() throws Exception {
		Consumer consumer = this.fixture.connect(false)
			.createConsumer(StreamKey.of("my_topic"), ConsumerOptions.defaults());
		this.fixture.in.feed("[my_topic] first\n[my_topic] second\n[Jan 1, 2022] { \"payload\": \"anything\" }\n"
				+ "[ ]\n[my_topic] third\n");
		assertThat(payloads(consumer, 3)).containsExactly("first", "second", "third");
		assertThat(this.fixture.errors().lines()).containsExactly(
				"stdio: line 3: cannot parse meta `[Jan 1, 2022]`: unknown part `Jan 1, 2022`",
				"stdio: line 4: cannot parse meta `[ ]`: empty part");
	}

	@Test
	void lineThatIsNotUtf8IsReportedAndSkipped() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.feed("[hello] ok\n".getBytes(StandardCharsets.UTF_8));
		this.fixture.in.feed(new byte[] { '[', 'h', ']', ' ', (byte) 0xFF, '\n' });
		this.fixture.in.feed("[hello] still ok\n".getBytes(StandardCharsets.UTF_8));
		assertThat(payloads(consumer, 2)).containsExactly("ok", "still ok");
		assertThat(this.fixture.errors()).isEqualTo("stdio: line 2: not valid UTF-8, skipped" + System.lineSeparator());
	}

	@Test
	void carriageReturnBeforeNewlineIsStrippedFromRawAndMetaLines() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.feed("raw line\r\n[hello] meta line\r\n\r\nlast\r");
		this.fixture.in.end();
		assertThat(payloads(consumer, 4)).containsExactly("raw line", "meta line", "", "last\r");
	}

	@Test
	void emptyLineIsDeliveredAsAnEmptyBroadcastMessage() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.feed("\n");
		Message message = get(consumer.next());
		assertThat(message.payloadSize()).isZero();
		assertThat(message.streamKey().name()).isEqualTo("broadcast");
	}

	@Test
	void linesSplitAcrossReadsAtEveryByteArriveIntact() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(StreamKey.of("k"), ConsumerOptions.defaults());
		this.fixture.in.feedByteByByte("[2022-01-01T00:00:00.5 | k | 7] héllo 日本\nraw \uD83D\uDE80\r\n[k] x\n");
		Message first = get(consumer.next());
		assertThat(first.payloadAsString()).isEqualTo("héllo 日本");
		assertThat(first.sequence()).isEqualTo(7L);
		assertThat(first.timestamp()).isEqualTo(Instant.parse("2022-01-01T00:00:00.5Z"));
		assertThat(get(consumer.next()).payloadAsString()).isEqualTo("raw \uD83D\uDE80");
		Message third = get(consumer.next());
		assertThat(third.payloadAsString()).isEqualTo("x");
		assertThat(third.sequence()).isEqualTo(8L);
	}

	@Test
	void lineLongerThanTheReadBufferArrivesIntact() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		String big = "y".repeat(300_000);
		this.fixture.in.feed("[hello] before\n[hello] " + big + "\n[hello] after\n");
		assertThat(payloads(consumer, 3)).containsExactly("before", big, "after");
	}

	@Test
	void lineLongerThanTheLimitIsReportedAndSkippedAndTheNextLinesAreRead() throws Exception {
		ScriptedInput in = new ScriptedInput();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		StdioWorld world = StdioWorld.over(in, new ByteArrayOutputStream(),
				new PrintStream(err, true, StandardCharsets.UTF_8), 100);
		StdioStreamer streamer = new StdioStreamer(StreamerUri.parse("stdio://"), StdioConnectOptions.DEFAULTS, world);
		try {
			Consumer consumer = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
			String longest = "[hello] " + "a".repeat(92);
			in.feed("[hello] first\n[hello] " + "z".repeat(5000) + "\n" + longest + "\n[hello] after\n");
			assertThat(payloads(consumer, 3)).containsExactly("first", "a".repeat(92), "after");
			assertThat(err.toString(StandardCharsets.UTF_8))
				.isEqualTo("stdio: line 2: longer than 100 bytes, skipped" + System.lineSeparator());
		}
		finally {
			get(streamer.disconnect());
			in.end();
		}
	}

	@Test
	void fullInboxMakesTheReaderWaitWithoutLosingMessages() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		int count = StdioWorld.INBOX_CAPACITY * 2 + 100;
		StringBuilder script = new StringBuilder();
		for (int i = 0; i < count; i++) {
			script.append("[hello] ").append(i).append('\n');
		}
		this.fixture.in.feed(script.toString());
		for (int i = 0; i < count; i++) {
			Message message = get(consumer.next());
			assertThat(message.payloadAsString()).isEqualTo(Integer.toString(i));
			assertThat(message.sequence()).isEqualTo(i);
		}
	}

	@Test
	void closingAConsumerThatIsNotReadUnblocksTheOthers() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer idle = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		Consumer busy = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		int count = StdioWorld.INBOX_CAPACITY + 500;
		StringBuilder script = new StringBuilder();
		for (int i = 0; i < count; i++) {
			script.append("[hello] ").append(i).append('\n');
		}
		this.fixture.in.feed(script.toString());
		List<String> received = new ArrayList<>(payloads(busy, StdioWorld.INBOX_CAPACITY));
		idle.close();
		received.addAll(payloads(busy, count - StdioWorld.INBOX_CAPACITY));
		assertThat(received).hasSize(count).last().isEqualTo(Integer.toString(count - 1));
	}

	@Test
	void closedConsumerLeavesItsGroupAndTheOtherMemberGetsEverything() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer first = streamer.createConsumer(HELLO, group(ConsumerMode.LOAD_BALANCED, "g"));
		Consumer second = streamer.createConsumer(HELLO, group(ConsumerMode.LOAD_BALANCED, "g"));
		this.fixture.in.feed("[hello] 0\n[hello] 1\n");
		assertThat(payloads(first, 1)).containsExactly("0");
		assertThat(payloads(second, 1)).containsExactly("1");
		first.close();
		this.fixture.in.feed("[hello] 2\n[hello] 3\n");
		assertThat(payloads(second, 2)).containsExactly("2", "3");
	}

	@Test
	void realTimeConsumerWithAGroupIsLoggedAsLoadBalanced() {
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory
			.getLogger(StdioStreamer.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			this.fixture.connect(false).createConsumer(HELLO, group(ConsumerMode.REAL_TIME, "rt"));
		}
		finally {
			logger.detachAppender(appender);
		}
		assertThat(appender.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("`rt`").contains("load-balanced");
		});
	}

	@Test
	void realTimeConsumersWithAGroupAreLoadBalanced() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer first = streamer.createConsumer(HELLO, group(ConsumerMode.REAL_TIME, "rt"));
		Consumer second = streamer.createConsumer(HELLO, group(ConsumerMode.REAL_TIME, "rt"));
		Consumer solo = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.feed("[hello] 0\n[hello] 1\n[hello] 2\n[hello] 3\n");
		assertThat(payloads(first, 2)).containsExactly("0", "2");
		assertThat(payloads(second, 2)).containsExactly("1", "3");
		assertThat(payloads(solo, 4)).containsExactly("0", "1", "2", "3");
	}

	// ---- end of input ----

	@Test
	void endOfInputDeliversWhatIsBufferedThenEndsTheStream() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.feed("[hello] one\n[hello] last line without newline");
		this.fixture.in.end();
		assertThat(payloads(consumer, 2)).containsExactly("one", "last line without newline");
		assertThat(failureOf(consumer.next())).isInstanceOf(StreamEndedException.class)
			.hasMessageContaining("end of input");
		assertThat(failureOf(consumer.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void pendingNextFailsWhenInputEnds() throws Exception {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		CompletableFuture<Message> pending = consumer.next();
		this.fixture.in.end();
		assertThat(failureOf(pending)).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void consumerCreatedAfterEndOfInputEndsAtOnce() throws Exception {
		StdioStreamer streamer = this.fixture.connect(false);
		Consumer first = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.end();
		assertThat(failureOf(first.next())).isInstanceOf(StreamEndedException.class);
		Consumer later = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		assertThat(failureOf(later.next())).isInstanceOf(StreamEndedException.class);
	}

	@Test
	void loopbackConsumersOutliveTheEndOfInput() throws Exception {
		StdioStreamer streamer = this.fixture.connect(true);
		Consumer consumer = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.end();
		Consumer later = streamer.createConsumer(HELLO, ConsumerOptions.defaults());
		get(streamer.createProducer(HELLO).send("from the process"));
		assertThat(get(consumer.next()).payloadAsString()).isEqualTo("from the process");
		assertThat(get(later.next()).payloadAsString()).isEqualTo("from the process");
	}

	// ---- disconnect ----

	@Test
	void afterDisconnectANewStreamerPrintsAndReadsAgainContinuingTheSequences() throws Exception {
		StdioStreamer first = this.fixture.connect(false);
		get(first.createProducer(HELLO).send("before"));
		get(first.disconnect());
		assertThatExceptionOfType(SeaStreamerException.class).isThrownBy(() -> first.createProducer(HELLO))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONNECT));
		StdioStreamer second = this.fixture.connect(false);
		assertThat(get(second.createProducer(HELLO).send("after")).sequence()).isEqualTo(1L);
		Consumer consumer = second.createConsumer(HELLO, ConsumerOptions.defaults());
		this.fixture.in.feed("[hello] read after reconnect\n");
		assertThat(get(consumer.next()).payloadAsString()).isEqualTo("read after reconnect");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.fixture.outputLines()).hasSize(2));
	}

	@Test
	void disconnectIsProcessWideAndPrintsWhatWasQueued() throws Exception {
		StdioStreamer one = this.fixture.connect(false);
		StdioStreamer two = this.fixture.connect(false);
		Consumer consumerOfTwo = two.createConsumer(HELLO, ConsumerOptions.defaults());
		Producer producerOfTwo = two.createProducer(HELLO);
		List<CompletableFuture<MessageHeader>> receipts = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			receipts.add(producerOfTwo.send("queued " + i));
		}
		get(one.disconnect());
		assertThat(receipts).allMatch((r) -> r.isDone() && !r.isCompletedExceptionally());
		assertThat(this.fixture.outputLines()).hasSize(1000);
		assertThat(failureOf(consumerOfTwo.next())).isInstanceOf(StreamEndedException.class);
		assertThat(failureOf(producerOfTwo.send("late"))).isInstanceOf(ProducerEndedException.class);
	}

	// ---- modes and unsupported operations ----

	@Test
	void resumableIsUnsupported() {
		StdioStreamer streamer = this.fixture.connect(false);
		assertThatExceptionOfType(UnsupportedFeatureException.class)
			.isThrownBy(() -> streamer.createConsumer(HELLO, ConsumerOptions.of(ConsumerMode.RESUMABLE)))
			.withMessageContaining("stdio does not support Resumable");
	}

	@Test
	void loadBalancedWithoutGroupFailsWithGroupNotSet() {
		StdioStreamer streamer = this.fixture.connect(false);
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> streamer.createConsumer(HELLO, ConsumerOptions.of(ConsumerMode.LOAD_BALANCED)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET));
	}

	@Test
	void consumerWithoutKeysIsRejected() {
		StdioStreamer streamer = this.fixture.connect(false);
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> streamer.createConsumer(List.of(), ConsumerOptions.defaults()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_EMPTY))
			.withMessageContaining("broadcast");
	}

	@Test
	void seekAndRewindAreUnsupported() {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		assertThat(failureOf(consumer.seek(Instant.now()))).isInstanceOf(UnsupportedFeatureException.class)
			.hasMessageContaining("StdioConsumer::seek");
		assertThat(failureOf(consumer.rewind(SeqPos.BEGINNING))).isInstanceOf(UnsupportedFeatureException.class)
			.hasMessageContaining("StdioConsumer::rewind");
	}

	@Test
	void assignAcceptsSubscribedKeysAndUnassignAlwaysFails() {
		Consumer consumer = this.fixture.connect(false).createConsumer(HELLO, ConsumerOptions.defaults());
		consumer.assign(HELLO, ShardId.of(3));
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> consumer.assign(StreamKey.of("other"), ShardId.ZERO))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
		assertThatExceptionOfType(SeaStreamerException.class).isThrownBy(() -> consumer.unassign(HELLO, ShardId.ZERO))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.STREAM_KEY_NOT_FOUND));
	}

	@Test
	void capabilitiesAreLoadBalancingAndReceiptSequencesOnly() {
		assertThat(this.fixture.connect(false).capabilities()).containsExactlyInAnyOrder(Capability.LOAD_BALANCED,
				Capability.RECEIPT_SEQUENCE);
	}

	// ---- discovery ----

	@Test
	void stdioSchemeIsFoundThroughTheServiceLoaderWithTypedOptions() {
		assertThat(SeaStreamer.availableSchemes()).contains("stdio");
		Streamer plain = SeaStreamer.connect("stdio://");
		assertThat(plain).isInstanceOf(StdioStreamer.class);
		assertThat(plain.toString()).doesNotContain("loopback");
		Streamer loopback = SeaStreamer.connect("stdio:///a,b",
				ConnectOptions.builder()
					.with(StdioConnectOptions.withLoopback())
					.timeout(Duration.ofSeconds(1))
					.build());
		assertThat(loopback.toString()).contains("loopback");
		assertThat(
				this.fixture.connect(ConnectOptions.builder().with(new StdioConnectOptions(true)).build()).toString())
			.contains("loopback");
	}

}
