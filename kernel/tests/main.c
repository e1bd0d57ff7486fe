/* The test app: runs every KTEST case in this directory; exit code = number of failures. */
#include <ktest.h>

int main(void)
{
    return ktest_run_all();
}
