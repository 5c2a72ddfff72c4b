package io.github.seastreamer.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.jspecify.annotations.Nullable;

import io.github.seastreamer.BackendException;
import io.github.seastreamer.ConnectionException;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.UriMasking;

import static io.github.seastreamer.SeaStreamerException.unwrap;

/**
 * Maps Lettuce errors to SeaStreamer errors, scrubbing credentials from their text.
 */
final class RedisErrors {

	static final String BACKEND = "redis";

	private RedisErrors() {
	}

	/**
	 * Whether the error is a server reply (as opposed to a connection problem).
	 * @param error the error
	 * @return whether Redis answered with an error
	 */
	static boolean isServerError(Throwable error) {
		return unwrap(error) instanceof RedisCommandExecutionException;
	}

	static boolean isServerError(Throwable error, String prefix) {
		Throwable cause = unwrap(error);
		return cause instanceof RedisCommandExecutionException && cause.getMessage() != null
				&& cause.getMessage().startsWith(prefix);
	}

	/**
	 * Whether retrying later can help: a dropped connection or a server still loading.
	 * @param error the error
	 * @return whether it is transient
	 */
	static boolean isTransient(Throwable error) {
		Throwable cause = unwrap(error);
		if (cause instanceof RedisCommandExecutionException) {
			String message = String.valueOf(cause.getMessage());
			return message.startsWith("LOADING") || message.startsWith("TRYAGAIN") || message.startsWith("CLUSTERDOWN")
					|| message.startsWith("MASTERDOWN");
		}
		return cause instanceof RedisConnectionException || cause instanceof java.io.IOException
				|| cause instanceof RedisCommandInterruptedException
				|| (cause instanceof RedisException && !(cause instanceof RedisCommandExecutionException));
	}

	static SeaStreamerException map(Throwable error, @Nullable String secret, String what) {
		Throwable cause = unwrap(error);
		if (cause instanceof SeaStreamerException sse) {
			return sse;
		}
		String text = scrub(String.valueOf(cause.getMessage()), secret);
		if (cause instanceof RedisCommandExecutionException) {
			return new BackendException(BACKEND, what + ": " + text, null, isTransient(cause));
		}
		if (cause instanceof RedisConnectionException || cause instanceof java.io.IOException) {
			return new ConnectionException(what + ": " + text);
		}
		return new BackendException(BACKEND, what + ": " + cause.getClass().getSimpleName() + ": " + text, null,
				isTransient(cause));
	}

	static String scrub(String text, @Nullable String secret) {
		String masked = UriMasking.mask(text);
		if (secret != null && !secret.isEmpty()) {
			masked = masked.replace(secret, UriMasking.MASK);
		}
		return masked;
	}

}
