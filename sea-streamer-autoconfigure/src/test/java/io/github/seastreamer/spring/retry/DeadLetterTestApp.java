package io.github.seastreamer.spring.retry;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.spring.annotation.StreamListener;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application whose listener on {@value #STREAM} fails on every attempt for the
 * payload {@value #POISON} with an error naming a URI with a password.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class DeadLetterTestApp {

	static final String STREAM = "dlq_attributes_orders";

	static final String DEAD_LETTER_STREAM = STREAM + ".dlq";

	static final String LISTENER = "dlq-attributes";

	static final String POISON = "poison";

	static final String SECRET = "s3cretPassw0rd";

	@Bean
	Handlers handlers() {
		return new Handlers();
	}

	static class Handlers {

		final Queue<String> processed = new ConcurrentLinkedQueue<>();

		@StreamListener(id = LISTENER, streams = STREAM, mode = ConsumerMode.RESUMABLE, group = "dlq-attributes",
				reset = StreamReset.EARLIEST)
		void handle(String payload) {
			if (payload.equals(POISON)) {
				throw new IllegalArgumentException("always fails on poison from redis://app:" + SECRET + "@10.0.0.1");
			}
			this.processed.add(payload);
		}

	}

}
