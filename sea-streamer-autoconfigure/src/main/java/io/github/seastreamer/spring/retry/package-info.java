/**
 * Retries with back-off and dead-letter streams for {@code @StreamListener} handlers.
 */
@NullMarked
package io.github.seastreamer.spring.retry;

import org.jspecify.annotations.NullMarked;
