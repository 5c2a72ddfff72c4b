package io.github.seastreamer.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where SeaStreamer completes the futures of callers, so that their callbacks never run
 * on a backend's I/O thread: virtual threads when the JVM has them (Java 21+), otherwise
 * a cached pool of daemon threads.
 */
public final class DeliveryExecutor {

	private static final ExecutorService SHARED = create("seastreamer-delivery");

	private DeliveryExecutor() {
	}

	/**
	 * The shared executor.
	 * @return the executor
	 */
	public static ExecutorService shared() {
		return SHARED;
	}

	/**
	 * A new executor of virtual threads where available, else of daemon platform threads.
	 * @param name the thread name prefix
	 * @return the executor
	 */
	public static ExecutorService create(String name) {
		try {
			Object builder = MethodHandles.publicLookup()
				.findStatic(Thread.class, "ofVirtual",
						MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")))
				.invoke();
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = MethodHandles.publicLookup()
				.findVirtual(builderType, "name", MethodType.methodType(builderType, String.class, long.class))
				.invoke(builder, name + "-", 0L);
			ThreadFactory factory = (ThreadFactory) MethodHandles.publicLookup()
				.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class))
				.invoke(builder);
			return (ExecutorService) MethodHandles.publicLookup()
				.findStatic(Executors.class, "newThreadPerTaskExecutor",
						MethodType.methodType(ExecutorService.class, ThreadFactory.class))
				.invoke(factory);
		}
		catch (Throwable ex) {
			return Executors.newCachedThreadPool(daemonThreads(name));
		}
	}

	/**
	 * A thread factory of named daemon threads.
	 * @param name the name prefix
	 * @return the factory
	 */
	public static ThreadFactory daemonThreads(String name) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
