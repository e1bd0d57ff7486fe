/* lapic.h — local APIC: enable, id, inter-processor interrupts. */
#ifndef RUEDO_ARCH_LAPIC_H
#define RUEDO_ARCH_LAPIC_H
#include <stdint.h>

#define WAKE_VECTOR     0xF0        /* IPI or timer interrupt that ends a halted CPU's hlt */
#define SPURIOUS_VECTOR 0xFF
#define PIC_VECTOR      0x20        /* the masked legacy PICs, 0x20-0x2F (spurious IRQs are ignored) */

void pic_disable(void);
void lapic_enable(void);
uint32_t lapic_id(void);
void lapic_send_ipi(uint32_t apic, uint32_t icr);
void lapic_timer_calibrate(void);
/* arch_wake_cpu, arch_timer_oneshot, arch_timer_stop (arch.h) are implemented in lapic.c too. */

#endif
