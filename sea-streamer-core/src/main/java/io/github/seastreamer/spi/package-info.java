/**
 * The backend SPI: how a backend plugs in
 * ({@link io.github.seastreamer.spi.StreamerProvider}) and the building blocks backends
 * share.
 */
@NullMarked
package io.github.seastreamer.spi;

import org.jspecify.annotations.NullMarked;
