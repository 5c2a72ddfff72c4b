package io.github.seastreamer.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.seastreamer.HostId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where caller futures are completed, and the host identity.
 */
class DeliveryExecutorTests {

	@Test
	void tasksRunOnNamedThreadsThatDoNotKeepTheJvmAlive() throws Exception {
		ExecutorService executor = DeliveryExecutor.create("test-delivery");
		try {
			Thread thread = CompletableFuture.supplyAsync(Thread::currentThread, executor).get(5, TimeUnit.SECONDS);
			assertThat(thread.getName()).startsWith("test-delivery-");
			assertThat(thread.isDaemon()).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(DeliveryExecutor.shared()).isSameAs(DeliveryExecutor.shared());
	}

	@Test
	void hostIdIsStableAndNotBlank() {
		assertThat(HostId.get()).isNotBlank().isSameAs(HostId.get());
	}

}
