package io.github.seastreamer.mem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One load-balanced consumer group: a shared read cursor per shard log, the messages each
 * member has claimed and not yet committed, and the messages of departed members waiting
 * to be redelivered.
 *
 * <p>
 * Members claim batches (first ask, first served); every method takes the group's
 * monitor, once per batch or commit, never per message.
 */
final class LoadBalancedGroup {

	private final String name;

	private final Map<MemLog, Long> cursors = new HashMap<>();

	private final List<Pending> redelivery = new ArrayList<>();

	private final Set<Member> members = new LinkedHashSet<>();

	LoadBalancedGroup(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	synchronized Member join(Runnable wake) {
		Member member = new Member(wake);
		this.members.add(member);
		return member;
	}

	/**
	 * Set where the group starts reading a log, unless it has read it before.
	 */
	synchronized void start(MemLog log, long position) {
		this.cursors.putIfAbsent(log, position);
	}

	/**
	 * Claim up to {@code max} messages of a log for a member: messages of departed
	 * members first, then the next ones after the group's cursor.
	 * @return the claimed range, or {@code null} if there is nothing to claim
	 */
	synchronized @Nullable Claim claim(Member member, MemLog log, int max) {
		if (member.left) {
			return null;
		}
		long head = log.head();
		for (Iterator<Pending> it = this.redelivery.iterator(); it.hasNext();) {
			Pending range = it.next();
			if (range.log != log) {
				continue;
			}
			range.from = Math.max(range.from, head);
			if (range.from >= range.to) {
				it.remove();
				continue;
			}
			long to = Math.min(range.to, range.from + max);
			Claim claim = new Claim(range.from, to);
			range.from = to;
			if (range.from >= range.to) {
				it.remove();
			}
			addPending(member, log, claim);
			return claim;
		}
		Long cursor = this.cursors.get(log);
		long next = Math.max((cursor != null) ? cursor : head, head);
		long tail = log.tail();
		if (next > tail) {
			return null;
		}
		long to = Math.min(tail + 1, next + max);
		this.cursors.put(log, to);
		Claim claim = new Claim(next, to);
		addPending(member, log, claim);
		return claim;
	}

	private void addPending(Member member, MemLog log, Claim claim) {
		for (int i = member.pending.size() - 1; i >= 0; i--) {
			Pending last = member.pending.get(i);
			if (last.log == log) {
				if (last.to == claim.from()) {
					last.to = claim.to();
					return;
				}
				break;
			}
		}
		member.pending.add(new Pending(log, claim.from(), claim.to()));
	}

	/**
	 * A member is done with every message of the log up to and including a sequence that
	 * was pending for it.
	 */
	synchronized void commit(Member member, MemLog log, long sequence) {
		for (Iterator<Pending> it = member.pending.iterator(); it.hasNext();) {
			Pending range = it.next();
			if (range.log != log || range.from > sequence) {
				continue;
			}
			if (range.to - 1 <= sequence) {
				it.remove();
			}
			else {
				range.from = sequence + 1;
			}
		}
	}

	/**
	 * A member leaves: what it has pending goes to the others.
	 */
	synchronized void leave(Member member) {
		if (member.left) {
			return;
		}
		member.left = true;
		this.members.remove(member);
		if (!member.pending.isEmpty()) {
			this.redelivery.addAll(member.pending);
			member.pending.clear();
			for (Member other : this.members) {
				other.wake.run();
			}
		}
	}

	/**
	 * Move the group's cursor of a log; what is pending on it (for this member, or for
	 * redelivery) is dropped.
	 */
	synchronized void reposition(Member member, MemLog log, long next) {
		this.cursors.put(log, next);
		member.pending.removeIf((range) -> range.log == log);
		this.redelivery.removeIf((range) -> range.log == log);
	}

	/**
	 * How many messages of a log the group has not committed: those not yet claimed (from
	 * the cursor, or from the head if the group never read the log) plus those claimed by
	 * members or waiting for redelivery; messages dropped by retention do not count.
	 */
	synchronized long lag(MemLog log) {
		long head = log.head();
		Long cursor = this.cursors.get(log);
		long lag = Math.max(0, log.tail() + 1 - Math.max((cursor != null) ? cursor : head, head));
		for (Member member : this.members) {
			lag += pendingOf(member.pending, log, head);
		}
		return lag + pendingOf(this.redelivery, log, head);
	}

	private static long pendingOf(List<Pending> ranges, MemLog log, long head) {
		long count = 0;
		for (Pending range : ranges) {
			if (range.log == log) {
				count += Math.max(0, range.to - Math.max(range.from, head));
			}
		}
		return count;
	}

	/**
	 * Move the group's cursor of a log, also backwards; what is claimed on it by any
	 * member, or waiting for redelivery, is dropped (the cursor decides alone).
	 */
	synchronized void move(MemLog log, long next) {
		this.cursors.put(log, next);
		for (Member member : this.members) {
			member.pending.removeIf((range) -> range.log == log);
		}
		this.redelivery.removeIf((range) -> range.log == log);
	}

	/**
	 * How many messages are pending for a member (claimed, not committed).
	 */
	synchronized long pendingCount(Member member) {
		long count = 0;
		for (Pending range : member.pending) {
			count += range.to - range.from;
		}
		return count;
	}

	/**
	 * A member of the group.
	 */
	static final class Member {

		private final Runnable wake;

		private final List<Pending> pending = new ArrayList<>();

		private boolean left;

		private Member(Runnable wake) {
			this.wake = wake;
		}

	}

	/**
	 * A claimed range of sequence numbers, {@code from} inclusive, {@code to} exclusive.
	 */
	record Claim(long from, long to) {

	}

	private static final class Pending {

		private final MemLog log;

		private long from;

		private long to;

		private Pending(MemLog log, long from, long to) {
			this.log = log;
			this.from = from;
			this.to = to;
		}

	}

}
