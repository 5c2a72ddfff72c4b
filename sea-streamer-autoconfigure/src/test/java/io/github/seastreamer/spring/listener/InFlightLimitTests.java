package io.github.seastreamer.spring.listener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InFlightLimitTests {

	@Test
	void roomShrinksWhenTakenAndGrowsWhenReleased() {
		InFlightLimit limit = new InFlightLimit(4);
		assertThat(limit.room()).isEqualTo(4);
		limit.take(3);
		assertThat(limit.room()).isEqualTo(1);
		assertThat(limit.used()).isEqualTo(3);
		limit.release(2);
		assertThat(limit.room()).isEqualTo(3);
		assertThat(limit.used()).isEqualTo(1);
	}

	@Test
	void awaitRoomTimesOutWhenFullAndReturnsOnceSomethingIsReleased() throws Exception {
		InFlightLimit limit = new InFlightLimit(2);
		limit.take(2);
		assertThat(limit.awaitRoom(20, TimeUnit.MILLISECONDS)).isFalse();
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return limit.awaitRoom(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		limit.release(1);
		assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(limit.room()).isEqualTo(1);
	}

	@Test
	void awaitIdleReturnsOnlyWhenEverythingIsReleased() throws Exception {
		InFlightLimit limit = new InFlightLimit(8);
		assertThat(limit.awaitIdle(1, TimeUnit.MILLISECONDS)).isTrue();
		limit.take(3);
		assertThat(limit.awaitIdle(20, TimeUnit.MILLISECONDS)).isFalse();
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return limit.awaitIdle(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		limit.release(2);
		limit.release(1);
		assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InFlightLimit(0)).withMessageContaining("at least 1");
	}

}
