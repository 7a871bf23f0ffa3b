package dev.rigel;

/** Work to do when the app starts or stops: open pools, warm caches, flush buffers. */
@FunctionalInterface
public interface LifecycleHook {

    void run(App app) throws Exception;
}
