package io.github.seastreamer.spring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamTimeoutException;
import io.github.seastreamer.spring.core.StreamTemplate;
import io.github.seastreamer.spring.core.Streamers;

import org.springframework.beans.factory.BeanFactory;

/**
 * Sends to and reads from streams in tests, typically in a {@code @SpringBootTest} with
 * {@code seastreamer.uri=mem://<name>} so no server is needed. <pre class="code">
 * StreamTester tester = StreamTester.from(applicationContext);
 * tester.send("orders", new Order(...));
 * List&lt;Message&gt; invoices = tester.read("invoices", 3, Duration.ofSeconds(5));
 * </pre> Every call blocks at most the timeout it is given (sends: 10 seconds) and fails
 * with {@link StreamTimeoutException} instead of hanging. Thread-safe.
 */
public final class StreamTester {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final Streamers streamers;

	private final StreamTemplate template;

	/**
	 * Create a tester.
	 * @param streamers the streamers
	 * @param template the template used to send
	 */
	public StreamTester(Streamers streamers, StreamTemplate template) {
		this.streamers = streamers;
		this.template = template;
	}

	/**
	 * Create a tester from the beans of an application context.
	 * @param beanFactory the context
	 * @return the tester
	 */
	public static StreamTester from(BeanFactory beanFactory) {
		return new StreamTester(beanFactory.getBean(Streamers.class), beanFactory.getBean(StreamTemplate.class));
	}

	/**
	 * Send a value (String and byte[] as is, others as JSON) to a stream of the default
	 * streamer and wait for the receipt.
	 * @param stream the stream key
	 * @param payload the value
	 * @return the receipt
	 */
	public MessageHeader send(String stream, Object payload) {
		return send(Streamers.DEFAULT, stream, payload);
	}

	/**
	 * Send a value to a stream of a named streamer and wait for the receipt.
	 * @param streamer the streamer name
	 * @param stream the stream key
	 * @param payload the value
	 * @return the receipt
	 */
	public MessageHeader send(String streamer, String stream, Object payload) {
		return await(this.template.send(streamer, stream, payload), SEND_TIMEOUT, "sending to " + stream);
	}

	/**
	 * Read the first messages of a stream of the default streamer, from the beginning.
	 * @param stream the stream key
	 * @param count how many messages
	 * @param timeout how long to wait for all of them
	 * @return the messages, in order
	 * @throws StreamTimeoutException if fewer arrived in time (the message says how many)
	 */
	public List<Message> read(String stream, int count, Duration timeout) {
		return read(Streamers.DEFAULT, stream, count, timeout);
	}

	/**
	 * Read the first messages of a stream of a named streamer, from the beginning, with a
	 * real-time consumer that is closed afterwards.
	 * @param streamer the streamer name
	 * @param stream the stream key
	 * @param count how many messages
	 * @param timeout how long to wait for all of them
	 * @return the messages, in order
	 * @throws StreamTimeoutException if fewer arrived in time
	 */
	public List<Message> read(String streamer, String stream, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Message> messages = new ArrayList<>(count);
		ConsumerOptions options = ConsumerOptions.builder()
			.mode(ConsumerMode.REAL_TIME)
			.streamReset(StreamReset.EARLIEST)
			.build();
		try (Consumer consumer = this.streamers.get(streamer).createConsumer(StreamKey.of(stream), options)) {
			while (messages.size() < count) {
				Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
				try {
					messages.add(await(consumer.next(), left, "reading " + stream));
				}
				catch (StreamTimeoutException ex) {
					throw new StreamTimeoutException("read " + messages.size() + " of " + count + " messages of `"
							+ stream + "` within " + timeout);
				}
			}
		}
		return messages;
	}

	private static <T> T await(java.util.concurrent.CompletableFuture<T> future, Duration timeout, String what) {
		try {
			return future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new StreamTimeoutException(what + " did not complete within " + timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StreamTimeoutException(what + " was interrupted");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(what + " failed", cause);
		}
	}

}
