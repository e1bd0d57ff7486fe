# ruedo-gdb.py — gdb commands for the Ruedo kernel (loaded by the command line `ruedo debug` prints:
# gdb -x <kernel>/debug/ruedo-gdb.py ...). Reads only the kernel's debug ABI (docs/CONTRACTS.md §8):
# percpu[0..ncpus-1].current / .idle, each CPU's ring of threads (struct thread .next), and each
# thread's id, cpu, state, wake_ns, joining, fn and saved rsp (switch_context pushed rbx rbp r12..r15
# below the return address, kernel/arch/x86_64/switch.S).
#
#   ruedo-threads       one line per kernel thread: id, CPU, state, entry function, where it is
#
# Where a parked thread is comes from gdb's own unwinder: the stopped vCPU's registers are set to the
# thread's saved context for the time of the unwind and restored afterwards (also on errors).
import gdb

STATES = {0: "ready", 1: "sleeping", 2: "exiting", 3: "exited"}
SAVED = ["r15", "r14", "r13", "r12", "rbp", "rbx"]          # from the saved rsp up, then the return address
SCHED_FILES = ("sched.c", "switch.S", "migrate.c", "remote.c")   # the scheduling point's insides


def _sym(addr):
    if addr == 0:
        return "-"
    b = gdb.block_for_pc(addr)
    while b is not None and b.function is None:
        b = b.superblock
    if b is not None and b.function is not None:
        return b.function.name
    s = gdb.execute("info symbol 0x%x" % addr, to_string=True).split(" in section")[0].strip()
    return s if not s.startswith("No symbol") else "0x%x" % addr


def _where_of_frames(frames):
    """The first frame outside the scheduler, as 'function (file:line)' plus the scheduling point it
    called ('in thread_sleep'), else the innermost frame."""
    pick = None
    point = None
    for f in frames:
        sal = f.find_sal()
        name = f.name() or "0x%x" % f.pc()
        fname = sal.symtab.filename if sal.symtab else None
        text = "%s (%s:%d)" % (name, fname.split("/")[-1], sal.line) if fname else name
        if pick is None:
            pick = text
        if fname and not fname.endswith(SCHED_FILES):
            return text + (" in " + point if point else "")
        if fname and f.name() and not f.name().startswith(("switch_context", "schedule")):
            point = f.name()
    return pick or "?"


def _frames(limit=12):
    out = []
    f = gdb.newest_frame()
    while f is not None and len(out) < limit:
        out.append(f)
        try:
            f = f.older()
        except gdb.error:
            break
    return out


def _parked_where(t):
    """Unwinds a parked thread from its saved context with the current vCPU's registers substituted."""
    rsp = int(t["rsp"])
    inferior = gdb.selected_inferior()
    mem = inferior.read_memory(rsp, 8 * 7).tobytes()
    vals = [int.from_bytes(mem[i * 8:(i + 1) * 8], "little") for i in range(7)]
    names = ["rip", "rsp"] + SAVED
    saved = {n: int(gdb.parse_and_eval("$" + n)) & 0xFFFFFFFFFFFFFFFF for n in names}
    try:
        for n, v in zip(SAVED, vals[:6]):
            gdb.execute("set $%s = 0x%x" % (n, v), to_string=True)
        gdb.execute("set $rsp = 0x%x" % (rsp + 56), to_string=True)
        gdb.execute("set $rip = 0x%x" % vals[6], to_string=True)
        return _where_of_frames(_frames())
    finally:
        for n in names:
            gdb.execute("set $%s = 0x%x" % (n, saved[n]), to_string=True)


def _running_where(cpu):
    for th in gdb.selected_inferior().threads():
        if th.num == cpu + 1:           # QEMU's gdbstub: vCPU n is thread n+1
            prev = gdb.selected_thread()
            th.switch()
            try:
                return _where_of_frames(_frames())
            finally:
                prev.switch()
    return "?"


STACK_SIZE = 16 * 1024           # include/mm.h


def _vcpu_rsp(cpu):
    for th in gdb.selected_inferior().threads():
        if th.num == cpu + 1:
            prev = gdb.selected_thread()
            th.switch()
            try:
                return int(gdb.parse_and_eval("$rsp")) & 0xFFFFFFFFFFFFFFFF
            finally:
                prev.switch()
    return None


def kernel_threads():
    """Every thread in the CPUs' rings: (thread value, cpu, on_cpu, boot). The thread on a CPU is the
    one whose stack holds the vCPU's RSP (percpu.current changes a moment before the switch), else the
    CPU's boot thread (its stack is not from the stack arena)."""
    ncpus = int(gdb.parse_and_eval("ncpus"))
    percpu = gdb.parse_and_eval("percpu")
    out = []
    for c in range(ncpus):
        cur = percpu[c]["current"]
        idle = int(percpu[c]["idle"])
        if int(cur) == 0:
            continue
        ring = []
        t = cur
        for _ in range(100000):
            ring.append(t.dereference())
            t = t["next"]
            if int(t) == int(cur) or int(t) == 0:
                break
        rsp = _vcpu_rsp(c)
        on = None
        for th in ring:
            top = int(th["stack"])
            if top and rsp is not None and top - STACK_SIZE <= rsp < top:
                on = int(th.address)
        if on is None:
            on = idle
        for th in ring:
            out.append((th, c, int(th.address) == on, int(th.address) == idle))
    return out


class RuedoThreads(gdb.Command):
    """List the Ruedo kernel's threads: id, CPU, state (running / ready / sleeping until T / exited),
entry function and where each one is (a parked thread's place is unwound from its saved context)."""

    def __init__(self):
        super().__init__("ruedo-threads", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        rows = []
        for t, cpu, running, boot in kernel_threads():
            tid = int(t["id"])
            state = int(t["state"])
            joining = int(t["joining"])
            join = ""
            if joining:
                jid = int(t["joining"].dereference()["id"])
                join = "waiting in join on thread %d.%d" % (jid >> 24, jid & 0xFFFFFF)
            if running:
                st = "running" + (" (" + join + ")" if join else "")
            elif join:
                st = join
            elif state == 1:
                st = "sleeping until %.3f ms" % (int(t["wake_ns"]) / 1e6)
            else:
                st = STATES.get(state, "state %d" % state)
            entry = _sym(int(t["fn"])) if int(t["fn"]) else ("kmain (boot)" if cpu == 0 else "idle (boot)")
            try:
                where = _running_where(cpu) if running else _parked_where(t)
            except gdb.error as e:
                where = "? (%s)" % e
            rows.append(("%d.%d" % (tid >> 24, tid & 0xFFFFFF), str(cpu), st, entry, where))
        head = ("ID", "CPU", "STATE", "ENTRY", "WHERE")
        w = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
        fmt = "%-{}s  %-{}s  %-{}s  %-{}s  %s".format(*w)
        print(fmt % head)
        for r in rows:
            print(fmt % r)


RuedoThreads()
