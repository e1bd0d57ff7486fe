package org.ruedo.tests.support;

/** App sources (main.c) the real-QEMU tests of several bundles boot. */
public final class KernelTestApps {
    private KernelTestApps() {
    }

    /**
     * A thread on every CPU counting {@code ticks[cpu]} and sleeping 5 ms between counts, until the test
     * ends the launch; prints {@code spinners ready on N CPUs} once they run. For the kernel-aware views:
     * a guest that keeps running, globals that change, stacks with guard pages.
     */
    public static final String SPINNERS = """
            #include <ruedo.h>
            volatile unsigned long ticks[8];
            static void spinner(void *arg)
            {
                int c = (int)(long)arg;
                for (;;) {
                    ticks[c]++;
                    thread_sleep(5);
                }
            }
            int main(void)
            {
                int n = cpu_count();
                for (int c = 0; c < n; c++)
                    BeginThread(spinner, (void *)(long)c, c);
                printk("spinners ready on %d CPUs\\n", n);
                for (;;)
                    thread_sleep(100);
            }
            """;
}
