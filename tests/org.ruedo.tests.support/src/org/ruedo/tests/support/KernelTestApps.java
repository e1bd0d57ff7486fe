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

    /**
     * {@code main} panics at line 7 ({@code panic(...)}, a noreturn call: its return address belongs to the
     * next line or function, so blame must look up return address - 1). Exit 100.
     */
    public static final String PANICS_AT_LINE_7 = """
            #include <ruedo.h>
            static volatile int armed = 1;
            int main(void)
            {
                printk("about to panic\\n");
                if (armed)
                    panic("fixture: deliberate panic %d", 42);
                printk("not reached\\n");
                return 0;
            }
            """;

    /**
     * {@code fire} calls a NULL function pointer at line 5: RIP is 0 (a {@code ?} frame), the culprit is the
     * return address at RSP. Exit 100.
     */
    public static final String CALLS_NULL_AT_LINE_5 = """
            #include <ruedo.h>
            static void (*volatile hook)(void);
            __attribute__((noinline)) static void fire(void)
            {
                hook();
                printk("not reached\\n");
            }
            int main(void)
            {
                fire();
                return 0;
            }
            """;
}
