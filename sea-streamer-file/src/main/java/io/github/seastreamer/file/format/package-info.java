/**
 * The {@code .ss} file codec, byte-compatible with the Rust SeaStreamer: header, message
 * frames, beacons, CRC-16/CDMA2000 and running checksums. Codec classes work over
 * channels and {@link io.github.seastreamer.file.format.SsSource sources}; they never
 * open or own files.
 */
@NullMarked
package io.github.seastreamer.file.format;

import org.jspecify.annotations.NullMarked;
