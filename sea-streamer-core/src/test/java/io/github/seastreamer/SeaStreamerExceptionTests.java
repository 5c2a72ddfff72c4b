package io.github.seastreamer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SeaStreamerExceptionTests {

	@Test
	void unwrapRemovesTheLayersFuturesAdd() {
		StreamEndedException ended = new StreamEndedException("done");
		Throwable fromGet = catchThrowable(() -> CompletableFuture.failedFuture(ended).get(1, TimeUnit.SECONDS));
		Throwable fromJoin = catchThrowable(
				() -> CompletableFuture.failedFuture(new ExecutionException(new CompletionException(ended))).join());
		assertThat(fromGet).isInstanceOf(ExecutionException.class);
		assertThat(SeaStreamerException.unwrap(fromGet)).isSameAs(ended);
		assertThat(SeaStreamerException.unwrap(fromJoin)).isSameAs(ended);
	}

	@Test
	void unwrapKeepsOtherErrorsAndWrappersWithoutACause() {
		IllegalStateException other = new IllegalStateException("x", new CompletionException(null));
		assertThat(SeaStreamerException.unwrap(other)).isSameAs(other);
		CompletionException empty = new CompletionException("no cause", null);
		assertThat(SeaStreamerException.unwrap(empty)).isSameAs(empty);
	}

	@Test
	void findLooksThroughCausesForTheSeaStreamerError() {
		StreamEndedException ended = new StreamEndedException("done");
		assertThat(SeaStreamerException.find(new CompletionException(new RuntimeException(ended)))).isSameAs(ended);
		assertThat(SeaStreamerException.find(new RuntimeException("plain"))).isNull();
	}

}
