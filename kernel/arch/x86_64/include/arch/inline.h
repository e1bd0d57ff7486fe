/* inline.h — the one-instruction parts of arch.h for x86_64 (included by arch.h only). */
#ifndef RUEDO_ARCH_INLINE_H
#define RUEDO_ARCH_INLINE_H

/* %gs:0 holds percpu[id].self (cpu_init sets the GS base). */
static inline struct percpu *this_cpu(void)
{
    struct percpu *p;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(p));
    return p;
}

/* `sti` delays interrupts by one instruction, so an interrupt already pending (or arriving after the
 * caller's last check) ends the `hlt` instead of slipping in before it; interrupts are off on return. */
static inline void arch_halt(void) { __asm__ volatile("sti; hlt; cli" ::: "memory"); }
static inline void arch_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }

#endif
