/*
 * ruedo_test.h — test cases for an app, run by `ruedo test <project-dir>` (JUnit XML with --junit).
 *
 *     #include <ruedo_test.h>
 *
 *     KTEST(two_plus_two_is_four)
 *     {
 *         KASSERT(add(2, 2) == 4, "add(2, 2) = %d", add(2, 2));
 *     }
 *
 *     int main(void)
 *     {
 *         return ktest_run_all();     // the number of failed cases: 0 when all passed
 *     }
 *
 * KTEST(name) defines a case; name is a C identifier, unique in the image (kernel and app are linked
 * together, so the kernel's own cases run too when the app links kernel/tests). KASSERT(cond, fmt, ...)
 * fails the case with the printf-style message and its file:line, and leaves it. ktest_run_all() runs
 * the cases `ruedo test` selects (--filter GLOB; after a crash or a hang, the cases still to run) and
 * prints on the serial console, one line each:
 *
 *     ktest: N test case(s) on C CPU(s)
 *     [ RUN  ] name
 *     [ PASS ] name                          or   [ FAIL ] name: file:line: cond: message
 *     N passed, N failed
 *
 * A case may crash the kernel: ruedo test reports that case as an error with the crash report and
 * boots again for the cases after it; a case that does not finish within --timeout seconds likewise.
 * `ruedo new DIR --template tests` makes an app with a few cases to start from.
 */
#ifndef RUEDO_TEST_H
#define RUEDO_TEST_H
#include "ruedo.h"
#include "ktest.h"
#endif
