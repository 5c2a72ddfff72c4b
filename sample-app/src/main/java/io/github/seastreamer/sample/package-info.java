/**
 * A sample Spring Boot application on the SeaStreamer starter: synthetic market trades
 * are aggregated into one-second candles by a {@code @StreamListener} processor and shown
 * live on a small page.
 */
@NullMarked
package io.github.seastreamer.sample;

import org.jspecify.annotations.NullMarked;
