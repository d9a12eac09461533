/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests that go through code of GTK 4.8 known to leak run in a child
 * process whose exit skips LeakSanitizer's check; everything else keeps
 * it. Two such places, both without a symbol of their own that a
 * suppression could name (Debian's libgtk has no static symbols):
 *
 * - the X11 clipboard: serving or clearing a selection leaks its
 *   selection output streams (gdk/x11/gdkselectionoutputstream-x11.c);
 * - the file chooser dialog, which leaks the GFileInfos it was loading,
 *   the cancelled enumeration's GError and the folder it was given.
 *
 * Include this in one file per test program. */
#pragma once

#include <glib.h>

static gboolean test_leak_check_off;

/* In the parent, runs the current test again in a child and checks that
 * it passed; returns TRUE there, and the caller returns. In the child,
 * turns the leak check off and returns FALSE: the caller runs the test. */
static inline gboolean
run_in_child_without_leak_check (void)
{
  if (g_test_subprocess ())
    {
      test_leak_check_off = TRUE;
      return FALSE;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

#if defined(__SANITIZE_ADDRESS__)
#define WAYMARK_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WAYMARK_TEST_ASAN 1
#endif
#endif

#ifdef WAYMARK_TEST_ASAN
/* LeakSanitizer asks this at exit. */
int __lsan_is_turned_off (void);

int
__lsan_is_turned_off (void)
{
  return test_leak_check_off;
}
#endif
