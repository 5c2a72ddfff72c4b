package io.github.seastreamer.spring.annotation;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.ShardId;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.spring.listener.Acknowledgement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link MethodMessageHandler}: methods called directly (a generated call) or through
 * reflection behave the same: arguments, results, the method's own exceptions.
 */
class MethodMessageHandlerTests {

	private static final Acknowledgement NO_ACK = () -> {
	};

	private final Message message = Message
		.of(new MessageHeader(StreamKey.of("orders"), ShardId.ZERO, 7, Instant.EPOCH), "payload");

	private static MethodMessageHandler handler(Object bean, String name,
			MethodMessageHandler.ArgumentResolver... resolvers) {
		return new MethodMessageHandler(bean, method(bean, name), List.of(resolvers));
	}

	private static Method method(Object bean, String name) {
		for (Method candidate : bean.getClass().getDeclaredMethods()) {
			if (candidate.getName().equals(name)) {
				return candidate;
			}
		}
		throw new IllegalArgumentException(name);
	}

	@Test
	void methodsOfUpToTwoReferenceParametersAreCalledDirectlyOthersThroughReflection() {
		Listener bean = new Listener();
		assertThat(MethodMessageHandler.directCall(method(bean, "none")))
			.isInstanceOf(MethodMessageHandler.VoidCall0.class);
		assertThat(MethodMessageHandler.directCall(method(bean, "onPayload")))
			.isInstanceOf(MethodMessageHandler.VoidCall1.class);
		assertThat(MethodMessageHandler.directCall(method(bean, "reply")))
			.isInstanceOf(MethodMessageHandler.Call2.class);
		assertThat(MethodMessageHandler.directCall(method(bean, "sequence"))).as("a primitive parameter").isNull();
		assertThat(MethodMessageHandler.directCall(method(bean, "three"))).as("three parameters").isNull();
	}

	@Test
	void oneGeneratedCallServesEveryHandlerOfAMethodAndEachBeanIsCalledOnItsOwn() throws Exception {
		Listener first = new Listener();
		Listener second = new Listener();
		Object call = MethodMessageHandler.directCall(method(first, "onPayload"));
		assertThat(MethodMessageHandler.directCall(method(second, "onPayload"))).as("the same generated call")
			.isSameAs(call);
		assertThat(MethodMessageHandler.directCall(method(first, "none"))).isNotSameAs(call);
		handler(first, "onPayload", (m, a) -> m.payloadAsString()).handle(this.message, NO_ACK);
		handler(second, "none").handle(this.message, NO_ACK);
		assertThat(first.calls).containsExactly("payload");
		assertThat(second.calls).containsExactly("none");
	}

	@Test
	void directAndReflectiveCallsPassTheResolvedArgumentsAndReturnTheResult() throws Exception {
		Listener bean = new Listener();
		assertThat(handler(bean, "onPayload", (m, a) -> m.payloadAsString()).handle(this.message, NO_ACK)).isNull();
		assertThat(handler(bean, "none").handle(this.message, NO_ACK)).isNull();
		assertThat(handler(bean, "reply", (m, a) -> m.payloadAsString(), (m, a) -> m.header()).handle(this.message,
				NO_ACK))
			.isEqualTo("payload@7");
		assertThat(handler(bean, "sequence", (m, a) -> m.header().sequence()).handle(this.message, NO_ACK))
			.isEqualTo(7L);
		assertThat(handler(bean, "three", (m, a) -> "a", (m, a) -> "b", (m, a) -> "c").handle(this.message, NO_ACK))
			.isEqualTo("abc");
		assertThat(bean.calls).containsExactly("payload", "none");
	}

	@Test
	void theMethodsOwnExceptionIsThrownAsIsByBothKindsOfCall() throws Exception {
		Listener bean = new Listener();
		MethodMessageHandler direct = handler(bean, "failing", (m, a) -> m.payloadAsString());
		assertThat(MethodMessageHandler.directCall(method(bean, "failing"))).isNotNull();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> direct.handle(this.message, NO_ACK))
			.withMessage("failed on payload");
		MethodMessageHandler reflective = handler(bean, "failingPrimitive", (m, a) -> m.header().sequence());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> reflective.handle(this.message, NO_ACK))
			.withMessage("failed on 7");
	}

	static class Listener {

		final List<String> calls = new ArrayList<>();

		void none() {
			this.calls.add("none");
		}

		void onPayload(String payload) {
			this.calls.add(payload);
		}

		String reply(String payload, MessageHeader header) {
			return payload + "@" + header.sequence();
		}

		Object sequence(long sequence) {
			return sequence;
		}

		String three(String a, String b, String c) {
			return a + b + c;
		}

		void failing(String payload) throws IOException {
			throw new IOException("failed on " + payload);
		}

		void failingPrimitive(long sequence) {
			throw new IllegalStateException("failed on " + sequence);
		}

	}

}
