package io.github.seastreamer.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.seastreamer.Consumer;
import io.github.seastreamer.Message;

final class KafkaTestSupport {

	private KafkaTestSupport() {
	}

	static Message next(Consumer consumer) {
		try {
			return consumer.next().get(20, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("no message within 20 s from " + consumer, ex);
		}
	}

	static List<Message> take(Consumer consumer, int count) {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(next(consumer));
		}
		return messages;
	}

	static List<String> payloads(List<Message> messages) {
		return messages.stream().map(Message::payloadAsString).toList();
	}

	static List<Long> sequences(List<Message> messages) {
		return messages.stream().map(Message::sequence).toList();
	}

	static List<String> range(int fromInclusive, int toExclusive) {
		List<String> list = new ArrayList<>();
		for (int i = fromInclusive; i < toExclusive; i++) {
			list.add(Integer.toString(i));
		}
		return list;
	}

}
