/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tests of the application window share: one registered
 * application, and opening maps into windows and closing them. */
#pragma once

#include <adwaita.h>

#include "test-gtk.h"
#include "waymark-application.h"
#include "waymark-window.h"

/* The application, registered: one for all tests of a program, since
 * registering twice on the session bus is not possible in one process.
 * Non-unique, as tests may run while Waymark itself runs on the same
 * bus. */
static inline WaymarkApplication *
test_app_new (void)
{
  WaymarkApplication *app = waymark_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **)
 * user_data. */
static inline void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* Loads file into window, which is busy meanwhile, and checks that it
 * loaded. */
static inline void
load_window (WaymarkWindow *window,
             GFile         *file)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  waymark_window_load_file_async (window, file, NULL, store_result_cb, &result);
  g_assert_true (waymark_window_get_busy (window));
  WAIT_UNTIL (result != NULL);
  g_assert_true (waymark_window_load_file_finish (window, result, &error));
  g_assert_no_error (error);
  g_assert_false (waymark_window_get_busy (window));
}

/* Destroys the window and checks that nothing keeps it alive. */
static inline void
destroy_window (WaymarkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
}
