package io.github.seastreamer.file;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Message;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;

/**
 * A child process for {@link ResumableProcessTests}: {@code commit <file> <k>} consumes
 * up to sequence k, commits it, prints {@code COMMITTED k} and waits to be killed;
 * {@code next <file>} prints {@code NEXT <seq>} of the first message it receives.
 */
public final class ResumableChild {

	private ResumableChild() {
	}

	/**
	 * Run the child.
	 * @param args the command
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		Streamer streamer = SeaStreamer.connect("file://" + args[1]);
		Consumer consumer = streamer.createConsumer(List.of(StreamKey.of("jobs")),
				ConsumerOptions.builder()
					.mode(ConsumerMode.RESUMABLE)
					.group("workers")
					.streamReset(StreamReset.EARLIEST)
					.build());
		if (args[0].equals("commit")) {
			long k = Long.parseLong(args[2]);
			while (true) {
				Message message = consumer.next().get(30, TimeUnit.SECONDS);
				if (message.sequence() == k) {
					consumer.commit(message.header()).get(30, TimeUnit.SECONDS);
					System.out.println("COMMITTED " + k);
					System.out.flush();
					break;
				}
			}
			Thread.currentThread().join();
		}
		Message message = consumer.next().get(30, TimeUnit.SECONDS);
		System.out.println("NEXT " + message.sequence() + " " + message.payloadAsString());
		System.out.flush();
		System.exit(0);
	}

}
