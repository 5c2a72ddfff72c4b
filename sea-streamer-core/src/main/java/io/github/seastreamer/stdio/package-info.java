/**
 * The {@code stdio://} backend: stream processors connected with Unix pipes. Consumers
 * read lines from standard input; producers print lines to standard output. Payloads are
 * UTF-8 text.
 *
 * <h2>Input lines</h2>
 *
 * <pre>
 * a raw line                                      → key broadcast, payload untrimmed
 * [2022-01-01T00:00:00.123 | my_topic | 123 | 4] payload
 * [timestamp | stream_key | sequence | shard_id]   ; only suffixes may be left out,
 *                                                  ; the timestamp may be left out
 * </pre>
 *
 * A line ends at {@code \n}; a {@code \r} before it is part of the terminator. A line
 * starting with {@code [x…]} carries meta: timestamp {@code YYYY-MM-DDTHH:MM:SS[.f]} (1–9
 * fraction digits, UTC), stream key, unsigned sequence, unsigned shard; the payload is
 * the rest, trimmed. Lines without a key go to every consumer; keyed lines to the
 * consumers subscribed to the key. Members of a consumer group share the lines of a key:
 * member {@code sequence % members} (in creation order) gets each.
 *
 * <h2>Output lines</h2>
 *
 * <pre>
 * [2023-02-24T08:13:10 | relay | 0] {"relay":1,"tick":0}
 * </pre>
 *
 * UTC, whole seconds; the sequence counts per stream key across the process, from 0.
 *
 * <h2>Differences from the Rust implementation</h2>
 * <ul>
 * <li>Receipts carry the printed sequence (Rust: always 0).</li>
 * <li>An explicit {@code [key | n]} moves the counter of that key and shard to
 * {@code n + 1} (Rust: to {@code n}, so the next line repeated {@code n}).</li>
 * <li>A malformed line is reported on standard error with its line number
 * ({@code stdio: line 3: cannot parse meta `[Jan 1, 2022]`: unknown part `Jan 1, 2022`})
 * and skipped (Rust: aborts the process). So is a line that is not UTF-8.</li>
 * <li>{@code \r\n} ends raw lines too (Rust kept the {@code \r} in raw payloads).</li>
 * <li>End of input ends the consumers: buffered messages are delivered, then
 * {@code next()} fails with {@link io.github.seastreamer.StreamEndedException} (Rust
 * waits forever). Consumers of a loopback streamer are fed by the process itself and do
 * not end with the input.</li>
 * <li>After {@code disconnect()}, {@code next()} fails with
 * {@link io.github.seastreamer.StreamEndedException} and sends with
 * {@link io.github.seastreamer.ProducerEndedException} (Rust: backend errors
 * {@code RecvError} and {@code Disconnected}).</li>
 * <li>An empty payload is printed as an empty message and consumes a sequence number
 * (Rust silently drops it).</li>
 * <li>A consumer needs at least one key (use {@code broadcast} for keyless lines only);
 * it still receives every keyless line.</li>
 * </ul>
 *
 * <h2>Threads and back-pressure</h2>
 *
 * One daemon thread per process reads standard input in 64 KiB chunks and hands messages
 * to each consumer's bounded inbox ({@value StdioWorld#INBOX_CAPACITY} messages); when an
 * inbox is full the reader waits, so a slow consumer slows the reader and, through the
 * pipe, the process upstream (a consumer that is never read nor closed therefore stalls
 * the others: close consumers you stop reading). One daemon thread prints: sends are
 * queued without blocking and written in large batches; receipts complete once written.
 * No user callback runs on these threads.
 */
@NullMarked
package io.github.seastreamer.stdio;

import org.jspecify.annotations.NullMarked;
