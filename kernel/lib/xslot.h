/*
 * xslot.h — exchange slots: handing a list from one CPU to another without a LOCK-prefixed
 * instruction (Toro's protocol). Used for threads created for another CPU (sched/migrate.c:
 * DispatcherArray/EmigrateArray) and for memory freed on a CPU that does not own it (mm/remote.c:
 * Pending/ReturnSlot).
 *
 * For every ordered pair of CPUs (s, d) there are two variables:
 *   local[s][d]  a list CPU s holds for CPU d. Only CPU s ever reads or writes it: no synchronisation.
 *   slot[s][d]   a single pointer, the exchange slot. Its value decides who owns it: while it is NULL
 *                it belongs to the sender s, which may store a list into it (xslot_give); while it is
 *                non-NULL it belongs to the receiver d, which takes the list (xslot_take), walks it
 *                and stores NULL when done (xslot_done).
 * Each CPU, at every scheduling point, first receives (takes every non-NULL slot addressed to it),
 * then sends (gives each non-empty local list whose slot is NULL; otherwise it keeps the list and
 * tries again at its next scheduling point). Nobody ever spins on a slot.
 *
 * Why this is correct on x86-TSO with only compiler barriers: every slot has exactly one writer in
 * each state, so no read-modify-write race needs arbitrating; what remains is ordering.
 *  - Sender: everything it wrote into the list (the elements, their links, a freed block's last
 *    contents) comes before its store of the pointer in program order. x86 does not reorder a store
 *    with an earlier store, nor with an earlier load, so a receiver that sees the pointer sees all of
 *    it. barrier() keeps the compiler from moving those accesses below the publishing store.
 *  - Receiver: it loads the pointer, THEN reads the list, THEN stores NULL. x86 does not reorder a
 *    load with an earlier load, nor a store with an earlier load, so the list is completely read
 *    before the sender can see NULL and reuse the slot. barrier() keeps the compiler from sinking the
 *    reads below the NULL store; `volatile` slots keep it from caching a slot across scheduling points.
 *  - All accesses are plain aligned 64-bit moves (atomic on x86-64). kernel/tests/check-asm.sh
 *    verifies on the built image that no locked instruction is reachable from either path.
 * Halted receivers: the sender wakes every CPU it gave a list to after the publishing store (an IPI
 * is ordered after earlier stores); a CPU halts only when no slot addressed to it is full and none of
 * its own lists waits for a busy slot, so no hand-over is left sleeping.
 *
 * The macros keep the element type of the caller's arrays (typeof), so the debugger sees typed lists.
 */
#ifndef RUEDO_XSLOT_H
#define RUEDO_XSLOT_H
#include "kernel.h"

/* Sender: moves `local` (this CPU's list for the receiver) into `slot` if the slot is free and the
 * list non-empty; true if it did (then the receiver owns the list and should be woken). */
#define xslot_give(local, slot)                                                        \
    ({                                                                                 \
        __typeof__(*(local)) *xs_list = (local);                                       \
        bool xs_given = xs_list && !(slot);                                            \
        if (xs_given) {                                                                \
            (local) = 0;                                                               \
            barrier();                                                                 \
            (slot) = xs_list;                  /* publish: the receiver owns it now */ \
        }                                                                              \
        xs_given;                                                                      \
    })

/* Receiver: the list a sender left in `slot`, or NULL. After walking it, xslot_done(slot). */
#define xslot_take(slot)                                                               \
    ({                                                                                 \
        __typeof__(*(slot)) *xs_taken = (slot);                                        \
        barrier();                                                                     \
        xs_taken;                                                                      \
    })

/* Receiver: hands the slot back to its sender (after the list was completely read). */
#define xslot_done(slot)                                                               \
    do {                                                                               \
        barrier();                                                                     \
        (slot) = 0;                                                                    \
    } while (0)

#endif
