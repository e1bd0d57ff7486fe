/* lapic.h — local APIC: enable, id, inter-processor interrupts. */
#ifndef RUEDO_ARCH_LAPIC_H
#define RUEDO_ARCH_LAPIC_H
#include <stdint.h>

#define WAKE_VECTOR     0xF0        /* IPI that ends an idle CPU's hlt */
#define SPURIOUS_VECTOR 0xFF

void lapic_enable(void);
uint32_t lapic_id(void);
void lapic_send_ipi(uint32_t apic, uint32_t icr);
void lapic_wake(int cpu);

#endif
